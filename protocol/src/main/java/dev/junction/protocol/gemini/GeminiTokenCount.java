package dev.junction.protocol.gemini;

import dev.junction.protocol.Json;

/** Gemini's {@code countTokens} answer, {@code {"totalTokens": N}}, for a count another vendor made. */
public final class GeminiTokenCount {
    private GeminiTokenCount() {}

    public static byte[] encode(int totalTokens) {
        return Json.MAPPER.createObjectNode().put("totalTokens", totalTokens).toString()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
