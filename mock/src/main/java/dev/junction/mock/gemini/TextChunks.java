package dev.junction.mock.gemini;

import java.util.ArrayList;
import java.util.List;

/** Splits answer text into stream deltas and counts its words, without regular expressions. */
final class TextChunks {
    private TextChunks() {}

    /** Whitespace-separated words in {@code text}. */
    static int words(String text) {
        int count = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Character.isWhitespace(text.charAt(i));
            if (!space && !inWord) {
                count++;
            }
            inWord = !space;
        }
        return count;
    }

    /**
     * {@code text} cut into {@code pieces} deltas whose concatenation is {@code text}: at word
     * starts (each delta after the first begins with the space before its first word), with the
     * words spread evenly; by characters when {@code byCharacters} (JSON text has few spaces).
     * Fewer deltas come back only when the text has fewer words (or characters) than pieces.
     */
    static List<String> split(String text, int pieces, boolean byCharacters) {
        if (pieces <= 1 || text.isEmpty()) {
            return List.of(text);
        }
        List<Integer> starts = new ArrayList<>();
        if (!byCharacters) {
            for (int i = 1; i < text.length(); i++) {
                if (Character.isWhitespace(text.charAt(i - 1)) && !Character.isWhitespace(text.charAt(i))) {
                    // the delta starts at the whitespace run before the word
                    int j = i - 1;
                    while (j > 0 && Character.isWhitespace(text.charAt(j - 1))) {
                        j--;
                    }
                    starts.add(j);
                }
            }
        }
        if (byCharacters) {
            for (int i = 1; i < text.length(); i++) {
                starts.add(i);
            }
        }
        int units = starts.size() + 1;
        int count = Math.min(pieces, units);
        List<String> out = new ArrayList<>(count);
        int from = 0;
        for (int k = 1; k < count; k++) {
            int to = starts.get((int) ((long) k * units / count) - 1);
            out.add(text.substring(from, to));
            from = to;
        }
        out.add(text.substring(from));
        return out;
    }
}
