package dev.junction.gateway.relay;

import java.time.Duration;
import java.util.List;

/**
 * Where a request may go, in the order to try them, and how far to go: at most
 * {@code maxAttempts} upstream calls in all, none started once {@code deadline} has passed since
 * the request arrived. Each attempt's outcome goes to {@code listener}.
 */
public record Candidates(List<Target> targets, int maxAttempts, Duration deadline, AttemptListener listener) {
    public Candidates {
        targets = List.copyOf(targets);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no candidate");
        }
    }

    public static Candidates of(Target target) {
        return new Candidates(List.of(target), 3, Duration.ofMinutes(1), AttemptListener.NONE);
    }
}
