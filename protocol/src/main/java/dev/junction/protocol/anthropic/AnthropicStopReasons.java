package dev.junction.protocol.anthropic;

import dev.junction.protocol.model.FinishReason;
import java.util.Optional;

/**
 * Anthropic's {@code stop_reason} both ways. Read: {@code end_turn}, {@code stop_sequence} and
 * {@code pause_turn} are plain stops, {@code max_tokens} and
 * {@code model_context_window_exceeded} are {@code length}, {@code tool_use} is a tool-call
 * ending, {@code refusal} a content filter; anything new is a plain stop, its name kept as the
 * native reason. Written: the reverse, with {@code stop_sequence} whenever the vendor said which
 * stop sequence ended the answer.
 */
public final class AnthropicStopReasons {
    private AnthropicStopReasons() {}

    public static FinishReason read(String stopReason) {
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
            case "tool_use" -> FinishReason.TOOL_CALLS;
            case "refusal" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.STOP;
        };
    }

    public static String write(FinishReason reason, Optional<String> stopSequence) {
        if (stopSequence.isPresent()) {
            return "stop_sequence";
        }
        return switch (reason) {
            case STOP -> "end_turn";
            case LENGTH -> "max_tokens";
            case TOOL_CALLS -> "tool_use";
            case CONTENT_FILTER -> "refusal";
        };
    }
}
