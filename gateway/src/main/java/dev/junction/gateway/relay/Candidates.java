package dev.junction.gateway.relay;

import java.util.List;

/**
 * Where a request may go, in the order to try them, and how far to go: at most
 * {@code maxAttempts} upstream calls in all. Each attempt's outcome goes to {@code listener}.
 */
public record Candidates(List<Target> targets, int maxAttempts, AttemptListener listener) {
    public Candidates {
        targets = List.copyOf(targets);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no candidate");
        }
    }

    public static Candidates of(Target target) {
        return new Candidates(List.of(target), 3, AttemptListener.NONE);
    }
}
