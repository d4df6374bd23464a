package dev.junction.protocol.openai.responses;

import dev.junction.protocol.model.FinishReason;
import java.util.Optional;

/**
 * How a response ended, in the Responses API's terms: {@code completed}, or {@code incomplete}
 * with the reason ({@code max_output_tokens} when the token limit cut it, {@code content_filter}
 * when the vendor's safety filter did, or refused the prompt).
 */
record ResponsesOutcome(String status, Optional<String> incompleteReason) {
    static final ResponsesOutcome COMPLETED = new ResponsesOutcome("completed", Optional.empty());

    static ResponsesOutcome of(FinishReason reason, boolean blocked) {
        if (blocked) {
            return new ResponsesOutcome("incomplete", Optional.of("content_filter"));
        }
        return switch (reason) {
            case LENGTH -> new ResponsesOutcome("incomplete", Optional.of("max_output_tokens"));
            case CONTENT_FILTER -> new ResponsesOutcome("incomplete", Optional.of("content_filter"));
            case STOP, TOOL_CALLS -> COMPLETED;
        };
    }
}
