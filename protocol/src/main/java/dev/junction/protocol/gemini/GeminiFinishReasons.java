package dev.junction.protocol.gemini;

import dev.junction.protocol.model.FinishReason;
import java.util.Optional;

/**
 * Gemini's {@code finishReason} in OpenAI's terms (PROTOCOLS §5.5), the one place it is decided
 * for both complete and streamed answers.
 *
 * <table>
 * <caption>finishReason</caption>
 * <tr><th>Gemini</th><th>Canonical</th></tr>
 * <tr><td>{@code STOP} or none, after function calls</td><td>{@code TOOL_CALLS} (Gemini ends a tool turn with STOP)</td></tr>
 * <tr><td>{@code STOP} or none</td><td>{@code STOP}</td></tr>
 * <tr><td>{@code MAX_TOKENS}</td><td>{@code LENGTH}</td></tr>
 * <tr><td>{@code SAFETY}, {@code RECITATION}, {@code BLOCKLIST}, {@code PROHIBITED_CONTENT}, {@code SPII},
 *     {@code IMAGE_SAFETY}, {@code IMAGE_PROHIBITED_CONTENT}, {@code IMAGE_RECITATION}</td><td>{@code CONTENT_FILTER}</td></tr>
 * <tr><td>{@code LANGUAGE}, {@code OTHER}</td><td>{@code CONTENT_FILTER} when nothing was produced, else {@code STOP}</td></tr>
 * <tr><td>{@code MALFORMED_FUNCTION_CALL}, {@code UNEXPECTED_TOOL_CALL}, {@code TOO_MANY_TOOL_CALLS},
 *     {@code FINISH_REASON_UNSPECIFIED}, {@code NO_IMAGE}, {@code IMAGE_OTHER}, anything new</td><td>{@code STOP}
 *     (never a literal strict OpenAI clients would refuse; the native reason stays on the choice)</td></tr>
 * </table>
 *
 * <p>And back, for a Gemini-native caller served by another vendor ({@link #write}): a plain
 * stop and a tool-call turn are {@code STOP} (Gemini ends a function-calling turn so), the
 * output limit {@code MAX_TOKENS}, a content filter {@code SAFETY}, or the vendor's own reason
 * when it is one of Gemini's.
 */
final class GeminiFinishReasons {
    private static final java.util.Set<String> FILTER_REASONS = java.util.Set.of("SAFETY", "RECITATION",
            "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION");

    private GeminiFinishReasons() {}

    /**
     * @param toolCalls whether the choice produced function calls
     * @param produced whether the choice produced any text or call at all
     */
    static FinishReason map(Optional<String> nativeReason, boolean toolCalls, boolean produced) {
        return switch (nativeReason.orElse("STOP")) {
            case "STOP" -> toolCalls ? FinishReason.TOOL_CALLS : FinishReason.STOP;
            case "MAX_TOKENS" -> FinishReason.LENGTH;
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY",
                    "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION" -> FinishReason.CONTENT_FILTER;
            case "LANGUAGE", "OTHER" -> produced ? FinishReason.STOP : FinishReason.CONTENT_FILTER;
            default -> FinishReason.STOP;
        };
    }

    /** A canonical finish reason in Gemini's words. */
    static String write(FinishReason reason, Optional<String> nativeReason) {
        return switch (reason) {
            case STOP, TOOL_CALLS -> "STOP";
            case LENGTH -> "MAX_TOKENS";
            case CONTENT_FILTER -> nativeReason.filter(FILTER_REASONS::contains).orElse("SAFETY");
        };
    }
}
