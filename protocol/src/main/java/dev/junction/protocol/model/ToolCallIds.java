package dev.junction.protocol.model;

import java.util.random.RandomGenerator;

/**
 * Where a decoder gets ids for the tool calls a vendor left without one (the Gemini API gives
 * none). Injected, so that codecs stay pure and fixtures replay byte for byte; each call must
 * return an id not returned before for the same response.
 */
@FunctionalInterface
public interface ToolCallIds {
    String next();

    /** OpenAI's own shape, {@code call_} and 24 base62 characters, from {@code random}. */
    static ToolCallIds openAiStyle(RandomGenerator random) {
        return base62("call_", random);
    }

    /** Anthropic's own shape, {@code toolu_} and 24 base62 characters, from {@code random}. */
    static ToolCallIds anthropicStyle(RandomGenerator random) {
        return base62("toolu_", random);
    }

    private static ToolCallIds base62(String prefix, RandomGenerator random) {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        return () -> {
            StringBuilder id = new StringBuilder(prefix);
            for (int i = 0; i < 24; i++) {
                id.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return id.toString();
        };
    }

    /** {@code prefix1}, {@code prefix2}, ...: for tests and fixtures. */
    static ToolCallIds sequential(String prefix) {
        int[] next = {0};
        return () -> prefix + (++next[0]);
    }
}
