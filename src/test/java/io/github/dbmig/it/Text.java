package io.github.dbmig.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Text from a verify.txt line with its placeholders: values of the run ({@code ${project}}, {@code ${database}},
 * {@code ${username}}, {@code ${image}}, {@code ${version}}) and patterns ({@code ${any}}: any text within one line;
 * {@code ${/regex/}}: a Java regular expression). Everything else is literal.
 */
final class Text {

    static final Set<String> VALUES = Set.of("project", "database", "username", "image", "version");

    /** A piece of the text: literal, a named value, or a regular expression. */
    private record Part(String literal, String value, String regex) {}

    private final String source;
    private final List<Part> parts;

    private Text(String source, List<Part> parts) {
        this.source = source;
        this.parts = parts;
    }

    /** Parses the placeholders; an unknown or unclosed one is an {@link IllegalArgumentException}. */
    static Text parse(String source) {
        List<Part> parts = new ArrayList<>();
        int at = 0;
        while (at < source.length()) {
            int start = source.indexOf("${", at);
            if (start < 0) {
                parts.add(new Part(source.substring(at), null, null));
                break;
            }
            parts.add(new Part(source.substring(at, start), null, null));
            boolean regex = source.startsWith("${/", start);
            int end = regex ? source.indexOf("/}", start + 3) : source.indexOf('}', start);
            if (end < 0) {
                throw new IllegalArgumentException("unclosed placeholder " + source.substring(start));
            }
            String inner = source.substring(start + (regex ? 3 : 2), end);
            if (regex) {
                Pattern.compile(inner); // a bad expression fails here, with the parser's own explanation
                parts.add(new Part(null, null, inner));
            } else if (inner.equals("any")) {
                parts.add(new Part(null, null, ".*?"));
            } else if (VALUES.contains(inner)) {
                parts.add(new Part(null, inner, null));
            } else {
                throw new IllegalArgumentException("unknown placeholder ${" + inner + "}; known: ${any}, ${/regex/}, ${"
                        + String.join("}, ${", VALUES.stream().sorted().toList()) + "}");
            }
            at = end + (regex ? 2 : 1);
        }
        return new Text(source, parts);
    }

    boolean hasPattern() {
        return parts.stream().anyMatch(p -> p.regex() != null);
    }

    /** The text with its values filled in; only for text without patterns. */
    String fill(Map<String, String> values) {
        StringBuilder text = new StringBuilder();
        for (Part part : parts) {
            if (part.regex() != null) {
                throw new IllegalStateException("no pattern allowed here: " + source);
            }
            text.append(part.literal() != null ? part.literal() : values.get(part.value()));
        }
        return text.toString();
    }

    /** The text as a regular expression; {@code find} is "contains", {@code matches} is "is exactly". */
    Pattern pattern(Map<String, String> values) {
        StringBuilder regex = new StringBuilder();
        for (Part part : parts) {
            if (part.regex() != null) {
                regex.append("(?:").append(part.regex()).append(')');
            } else {
                String literal = part.literal() != null ? part.literal() : values.get(part.value());
                regex.append(literal.isEmpty() ? "" : Pattern.quote(literal));
            }
        }
        return Pattern.compile(regex.toString());
    }

    @Override
    public String toString() {
        return source;
    }
}
