package dev.junction.protocol.openai;

import dev.junction.protocol.model.FinishReason;

/**
 * The {@code finish_reason} literals; only these four, which every OpenAI client accepts, are
 * written. Read back from an upstream, the legacy {@code function_call} is a tool-call ending and
 * anything unknown (a vendor's own reason, such as vLLM's {@code abort}) a plain stop.
 */
final class OpenAiFinishReasons {
    private OpenAiFinishReasons() {}

    static String wire(FinishReason reason) {
        return switch (reason) {
            case STOP -> "stop";
            case LENGTH -> "length";
            case TOOL_CALLS -> "tool_calls";
            case CONTENT_FILTER -> "content_filter";
        };
    }

    static FinishReason read(String reason) {
        return switch (reason) {
            case "length" -> FinishReason.LENGTH;
            case "tool_calls", "function_call" -> FinishReason.TOOL_CALLS;
            case "content_filter" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.STOP;
        };
    }
}
