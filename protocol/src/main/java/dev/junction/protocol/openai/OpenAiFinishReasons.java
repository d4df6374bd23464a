package dev.junction.protocol.openai;

import dev.junction.protocol.model.FinishReason;

/** The {@code finish_reason} literals; only these four, which every OpenAI client accepts. */
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
}
