package io.github.dbmig.schema;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The stored text form of a fingerprint must give back every string exactly, or verify reports drift that is not there.
 */
class FingerprintTest {

    /** The characters that matter to the text form, and some that do not. */
    private static final List<String> PIECES = List.of(
            "\\",
            "\\\\",
            "\\n",
            "\n",
            "\t",
            "\r",
            "\\t",
            "n",
            "t",
            "'",
            "\"",
            "é",
            "→",
            "日本",
            "😀",
            " ",
            "a",
            "E'\\\\n'",
            "\\\\n",
            "\u0000".substring(1));

    private static String generated(Random random) {
        StringBuilder text = new StringBuilder();
        int pieces = random.nextInt(12);
        for (int i = 0; i < pieces; i++) {
            text.append(PIECES.get(random.nextInt(PIECES.size())));
        }
        return text.toString();
    }

    @Test
    void everyKeyAndValueReadsBackExactly() {
        Random random = new Random(20261202);
        for (int round = 0; round < 2000; round++) {
            Map<String, String> entries = new HashMap<>();
            for (int i = 0; i < 5; i++) {
                entries.put("table public.t" + i + ": " + generated(random), generated(random));
            }
            Fingerprint written = new Fingerprint(entries);
            Fingerprint read = Fingerprint.parse(written.toText());
            assertEquals(written.entries(), read.entries(), "round " + round);
            assertEquals(written.hash(), read.hash(), "round " + round);
        }
    }

    @Test
    void aCheckForbiddingNewlinesReadsBackAsItWasWritten() {
        Map<String, String> entries = Map.of(
                "table public.a: constraint a_x_check",
                "CHECK ((x !~ '\\\\n'::text))",
                "table public.a: column x",
                "text default E'a\\\\\\\\n\\tb'");
        assertEquals(
                entries, Fingerprint.parse(new Fingerprint(entries).toText()).entries());
        assertEquals(
                List.of(),
                SchemaDrift.between(Fingerprint.parse(new Fingerprint(entries).toText()), new Fingerprint(entries)));
    }

    @Test
    void theTextFormIsOneEscapedLinePerEntry() {
        Fingerprint fingerprint = new Fingerprint(Map.of("k\tey", "line one\nline\\two"));
        assertEquals("k\\tey\tline one\\nline\\\\two\n", fingerprint.toText());
    }
}
