package io.github.dbmig.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * libpq's password file ({@code ~/.pgpass}, or {@code PGPASSFILE}): lines
 * {@code hostname:port:database:username:password}, {@code *} matching anything, {@code \:} and {@code \\}
 * escaping, {@code #} starting a comment; the first matching line wins. As libpq does, a file that its group
 * or others can read is ignored, with a warning.
 */
public final class PgPassFile {

    private final Path path;
    private final Consumer<String> warnings;

    public PgPassFile(Path path, Consumer<String> warnings) {
        this.path = path;
        this.warnings = warnings;
    }

    public Path path() {
        return path;
    }

    public Optional<String> passwordFor(String host, String port, String database, String username) {
        if (path == null || !Files.isRegularFile(path) || !privateEnough()) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(path);
        } catch (IOException e) {
            warnings.accept("Cannot read the password file " + path + ": " + e.getMessage());
            return Optional.empty();
        }
        String[] wanted = {host, port, database, username};
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = fields(line);
            if (fields.size() == 5 && matches(fields, wanted)) {
                return Optional.of(fields.get(4));
            }
        }
        return Optional.empty();
    }

    private boolean privateEnough() {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            for (PosixFilePermission p : permissions) {
                if (p.name().startsWith("GROUP") || p.name().startsWith("OTHERS")) {
                    warnings.accept("Ignoring the password file " + path + ": it is readable by its group or others;"
                            + " make it private (chmod 0600) as libpq requires.");
                    return false;
                }
            }
            return true;
        } catch (UnsupportedOperationException e) {
            return true; // not a POSIX file system: libpq does not check there either
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean matches(List<String> fields, String[] wanted) {
        for (int i = 0; i < wanted.length; i++) {
            String field = fields.get(i);
            if (!field.equals("*") && !field.equals(wanted[i])) {
                return false;
            }
        }
        return true;
    }

    /** Splits at unescaped colons; the fifth field takes the rest of the line. */
    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                field.append(line.charAt(++i));
            } else if (c == ':' && fields.size() < 4) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
