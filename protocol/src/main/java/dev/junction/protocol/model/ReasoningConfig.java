package dev.junction.protocol.model;

import java.util.Optional;

/**
 * What the caller asked of the model's thinking. At most one of {@code effort}, {@code budget}
 * and {@code level} is set by a decoder; the upstream encoder resolves it against the model's
 * thinking capability.
 */
public record ReasoningConfig(
        Optional<ReasoningEffort> effort,
        Optional<Integer> budget,
        Optional<ThinkingLevel> level,
        boolean includeThoughts) {

    public static ReasoningConfig none() {
        return new ReasoningConfig(Optional.empty(), Optional.empty(), Optional.empty(), false);
    }

    public boolean isEmpty() {
        return effort.isEmpty() && budget.isEmpty() && level.isEmpty() && !includeThoughts;
    }
}
