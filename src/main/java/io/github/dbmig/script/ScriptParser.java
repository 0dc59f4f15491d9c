package io.github.dbmig.script;

import io.github.dbmig.errors.SetupException;
import org.apache.ibatis.migration.VariableReplacer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads MyBatis Migrations scripts: the up part is everything above the first {@code -- //@UNDO} line, the undo
 * part everything below it; {@code ${name}} is replaced from the variables ({@code \${name}} stays literal).
 * <p>
 * MyBatis' own {@code MigrationReader} drops blank lines, which would make error line numbers wrong, so the
 * parts are cut here and only the variable syntax is MyBatis' ({@link VariableReplacer}), line by line as it does.
 */
public final class ScriptParser {

    private static final Pattern VARIABLE = Pattern.compile("(?<!\\\\)\\$\\{([^}]*)}");

    private final Charset charset;
    private final Map<String, String> variables;
    private final VariableReplacer replacer;

    public ScriptParser(Charset charset, Map<String, String> variables) {
        this.charset = charset;
        this.variables = Map.copyOf(variables);
        this.replacer = new VariableReplacer(this.variables);
    }

    public Charset charset() {
        return charset;
    }

    public ParsedScript parse(ScriptFile file) {
        String content = read(file);
        String[] lines = content.split("\n", -1);
        List<String> up = new ArrayList<>();
        List<String> undo = null;
        int undoFirstLine = 0;
        for (int i = 0; i < lines.length; i++) {
            if (undo == null
                    && ScriptFormat.UNDO_MARKER
                            .matcher(stripCarriageReturn(lines[i]))
                            .matches()) {
                undo = new ArrayList<>();
                undoFirstLine = i + 2; // the line after the marker, 1-based
            } else {
                (undo == null ? up : undo).add(substitute(file, i + 1, lines[i]));
            }
        }
        SqlPart upPart = part(String.join("\n", up), 1);
        Optional<SqlPart> undoPart =
                undo == null ? Optional.empty() : Optional.of(part(String.join("\n", undo), undoFirstLine));
        int firstStatement =
                upPart.isEmpty() ? lines.length + 1 : upPart.statements().get(0).line();
        ScriptDirectives directives = ScriptDirectives.read(file.path(), String.join("\n", up), firstStatement);
        if (upPart.isEmpty() && !directives.emptyOk()) {
            throw new SetupException("Script " + file.path() + " has no statement "
                    + (undoPart.isPresent()
                            ? "above its -- //@UNDO line (only an undo part)"
                            : "(the file is empty or holds only comments)")
                    + ". If it is meant to do nothing, say so with the header line -- dbmig:empty=ok; nothing"
                    + " was run.");
        }
        if (directives.undoNone() && undoPart.isPresent() && !undoPart.get().isEmpty()) {
            throw undoNoneWithUndo(file, undoPart.get());
        }
        return new ParsedScript(file, upPart, undoPart, ScriptChecksum.ofText(content), directives);
    }

    /**
     * The {@code -- dbmig:undo=none} check of {@link #parse} on a script's text as read for its checksum, so that goals
     * that read scripts without running them (status, verify, schema-version) refuse the contradiction too.
     * Variables are not filled in: they do not decide whether the undo part holds a statement.
     */
    static void checkDeclaredUndo(ScriptFile file, String content) {
        if (!content.contains("dbmig:undo")) {
            return;
        }
        String[] lines = (content.startsWith("\uFEFF") ? content.substring(1) : content).split("\n", -1);
        for (int marker = 0; marker < lines.length; marker++) {
            if (ScriptFormat.UNDO_MARKER
                    .matcher(stripCarriageReturn(lines[marker]))
                    .matches()) {
                String up = String.join("\n", Arrays.asList(lines).subList(0, marker));
                SqlPart upPart = part(up, 1);
                int firstStatement = upPart.isEmpty()
                        ? marker + 1
                        : upPart.statements().get(0).line();
                SqlPart undo =
                        part(String.join("\n", Arrays.asList(lines).subList(marker + 1, lines.length)), marker + 2);
                if (ScriptDirectives.read(file.path(), up, firstStatement).undoNone() && !undo.isEmpty()) {
                    throw undoNoneWithUndo(file, undo);
                }
                return;
            }
        }
    }

    private static SetupException undoNoneWithUndo(ScriptFile file, SqlPart undo) {
        return new SetupException(
                "Script " + file.path() + " line " + undo.statements().get(0).line()
                        + ": the header -- dbmig:undo=none says there is nothing to undo, but its -- //@UNDO part"
                        + " holds a"
                        + " statement. Remove the header or the undo statements; nothing was run.");
    }

    private static SqlPart part(String text, int firstLine) {
        return new SqlPart(firstLine, SqlSplitter.split(text, firstLine));
    }

    private String read(ScriptFile file) {
        try {
            byte[] bytes = Files.readAllBytes(file.path());
            String text = charset.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new SetupException("Script " + file.path() + " is not valid " + charset.name()
                    + " text; save it in that encoding or set <encoding>.");
        } catch (IOException e) {
            throw new SetupException("Cannot read script " + file.path() + ": " + e.getMessage(), e);
        }
    }

    private String substitute(ScriptFile file, int lineNumber, String line) {
        if (!line.contains("${")) {
            return line;
        }
        Matcher matcher = VARIABLE.matcher(line);
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!variables.containsKey(name)) {
                throw new SetupException("Script " + file.path() + " line " + lineNumber + ": ${" + name
                        + "} is not defined. Defined variables: "
                        + (variables.isEmpty() ? "none" : new TreeSet<>(variables.keySet()))
                        + ". Declare it under the database's <variables>, or write \\${" + name
                        + "} to keep it literally.");
            }
        }
        return replacer.replace(line);
    }

    private static String stripCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
