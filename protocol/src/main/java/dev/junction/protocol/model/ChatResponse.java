package dev.junction.protocol.model;

import java.util.List;
import java.util.Optional;

/**
 * A complete (non-streamed) answer.
 *
 * @param id the vendor's response id, if it gave one
 * @param modelVersion the model version the vendor reports
 * @param promptBlock set when the vendor refused the prompt; then {@code choices} is empty
 */
public record ChatResponse(
        Optional<String> id,
        Optional<String> modelVersion,
        List<Choice> choices,
        Optional<Usage> usage,
        Optional<PromptBlock> promptBlock) {

    public ChatResponse {
        choices = List.copyOf(choices);
    }
}
