package dev.junction.protocol.model;

import java.util.List;
import java.util.Optional;

/**
 * One candidate answer.
 *
 * @param nativeFinishReason the vendor's own finish reason, kept for logs and for clients that
 *     want the detail the canonical reason collapses
 * @param stopSequence the caller's stop sequence that ended the choice, when the vendor says which
 * @param logprobs the chosen tokens' log probabilities, when the caller asked and the vendor gave them
 */
public record Choice(int index, List<Part> parts, FinishReason finishReason, Optional<String> nativeFinishReason,
        Optional<String> stopSequence, List<TokenLogprob> logprobs) {
    public Choice {
        parts = List.copyOf(parts);
        logprobs = List.copyOf(logprobs);
    }

    /** A choice without log probabilities. */
    public Choice(int index, List<Part> parts, FinishReason finishReason, Optional<String> nativeFinishReason,
            Optional<String> stopSequence) {
        this(index, parts, finishReason, nativeFinishReason, stopSequence, List.of());
    }

    /** A choice that did not end on one of the caller's stop sequences (or whose vendor does not say). */
    public Choice(int index, List<Part> parts, FinishReason finishReason, Optional<String> nativeFinishReason) {
        this(index, parts, finishReason, nativeFinishReason, Optional.empty());
    }
}
