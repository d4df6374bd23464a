package dev.junction.mock.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextChunksTest {

    @Test
    void splitsAtWordStartsAndLosesNothing() {
        String text = "The capital of  Wyoming is **Cheyenne**.\n";
        for (int pieces = 1; pieces <= 8; pieces++) {
            List<String> deltas = TextChunks.split(text, pieces, false);
            assertThat(String.join("", deltas)).isEqualTo(text);
            assertThat(deltas).hasSize(Math.min(pieces, 6));
            deltas.subList(1, deltas.size()).forEach(d -> assertThat(d).startsWith(" "));
        }
        assertThat(TextChunks.split(text, 3, false)).containsExactly("The capital", " of  Wyoming", " is **Cheyenne**.\n");
    }

    @Test
    void splitsJsonByCharacters() {
        assertThat(TextChunks.split("{\"a\":1}", 3, true)).containsExactly("{\"", "a\"", ":1}");
    }

    @Test
    void countsWords() {
        assertThat(TextChunks.words("  one two\tthree\n")).isEqualTo(3);
        assertThat(TextChunks.words("")).isZero();
    }
}
