package io.github.dbmig.backup;

import io.github.dbmig.config.ContainerOptions;
import io.github.dbmig.errors.SetupException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * PostgreSQL's client programs (pg_dump, pg_restore, psql), found where {@link ClientSearch} looks: in
 * {@code <pgBinDir>}, on the PATH, then where the platform's installers put them. Of those whose major version is at
 * least the server's, the closest; each candidate's version is asked once per run.
 */
public final class ClientTools {

    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");

    private final ClientSearch search;
    private final ProcessRunner runner;
    private final ClientImages images;
    private final Map<Path, Integer> versions = new HashMap<>();

    ClientTools(ClientSearch search, ProcessRunner runner, ClientImages images) {
        this.search = search;
        this.runner = runner;
        this.images = images;
    }

    /** Looks only in {@code directories}, in order. */
    static ClientTools in(List<Path> directories, ProcessRunner runner) {
        return new ClientTools(ClientSearch.only(directories), runner, ClientImages.none());
    }

    /** Looks only in {@code directories}, in order, then runs programs from an image as {@code images} allows. */
    static ClientTools in(List<Path> directories, ProcessRunner runner, ClientImages images) {
        return new ClientTools(ClientSearch.only(directories), runner, images);
    }

    /**
     * Looks in {@code pgBinDir} (when set), then on the PATH, then in this platform's standard places.
     *
     * @param pgBinDir where the user said the programs are; or null
     * @param runner   runs each candidate's {@code --version}
     */
    public ClientTools(Path pgBinDir, ProcessRunner runner) {
        this(pgBinDir, runner, ClientImages.none());
    }

    /**
     * As {@link #ClientTools(Path, ProcessRunner)}, and where {@code images} allows (by {@code <clientTools>}),
     * programs run from an image: always ({@code container}), or when no local one serves ({@code auto}).
     */
    public ClientTools(Path pgBinDir, ProcessRunner runner, ClientImages images) {
        this(ClientSearch.onThisMachine(pgBinDir), runner, images);
    }

    /**
     * A client program able to work with a server of major version {@code serverMajor}: a local one, else (with
     * {@code <clientTools>auto}) the image's; the image's only with {@code <clientTools>container}.
     *
     * @throws SetupException when none can run, naming the versions this machine has and why no image served
     */
    public synchronized PgTool find(String name, int serverMajor) {
        ContainerOptions.ClientSource source = images.source();
        if (source == ContainerOptions.ClientSource.CONTAINER) {
            return images.tool(name, serverMajor, null, runner);
        }
        Optional<PgTool> local = findLocal(name, serverMajor);
        if (local.isPresent() || source == ContainerOptions.ClientSource.LOCAL) {
            return local.orElseThrow(() -> notFound(name, serverMajor));
        }
        try {
            return images.tool(
                    name,
                    serverMajor,
                    "No local " + name + " of PostgreSQL " + serverMajor + " or newer was found",
                    runner);
        } catch (SetupException e) {
            throw new SetupException(notFound(name, serverMajor).getMessage() + " Nor could it run from an image"
                    + " (<clientTools>auto</clientTools>): " + e.getMessage());
        }
    }

    /**
     * Of this machine's {@code name} programs whose major version is at least {@code serverMajor}, the closest (the
     * first found of equals); empty when it has none.
     */
    public synchronized Optional<PgTool> findLocal(String name, int serverMajor) {
        return answering(name).stream()
                .filter(tool -> tool.major() >= serverMajor)
                .min(Comparator.comparingInt(PgTool::major));
    }

    /** Every candidate that says which PostgreSQL it belongs to, in the order found. */
    private List<PgTool> answering(String name) {
        List<PgTool> tools = new ArrayList<>();
        for (Path candidate : search.candidates(name)) {
            int major = versions.computeIfAbsent(candidate, this::majorVersion);
            if (major >= 0) {
                tools.add(PgTool.local(candidate, major));
            }
        }
        return tools;
    }

    private SetupException notFound(String name, int serverMajor) {
        String found = answering(name).stream()
                .map(tool -> tool.path() + " (" + tool.major() + ")")
                .collect(Collectors.joining(", "));
        return new SetupException("No " + name + " of PostgreSQL " + serverMajor
                + " or newer was found for a server of major version " + serverMajor + "; found "
                + (found.isEmpty() ? "none" : found) + ". Install the PostgreSQL " + serverMajor
                + " client programs, or point <pgBinDir> at them."
                + (found.isEmpty() && !search.places().isEmpty() ? " Looked in " + search.places() + "." : ""));
    }

    private int majorVersion(Path executable) {
        return majorVersion(List.of(executable.toString(), "--version"), runner);
    }

    /**
     * Runs {@code argv} (a program's {@code --version}, local or in a container) and reads the major version it says
     * ({@code pg_dump (PostgreSQL) 17.2}); -1 when it does not answer like a PostgreSQL program.
     */
    static int majorVersion(List<String> argv, ProcessRunner runner) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ProcessRunner.Result result = runner.run(new ProcessRunner.Command(argv, Map.of(), out, null, null, null));
            Matcher m = VERSION.matcher(out.toString(StandardCharsets.UTF_8) + result.stderr());
            return result.ok() && m.find() ? Integer.parseInt(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
