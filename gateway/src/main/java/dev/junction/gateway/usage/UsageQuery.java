package dev.junction.gateway.usage;

import java.time.Instant;
import java.util.Optional;

/**
 * Which usage records to read: a time range {@code [since, until)} and optionally one token (by
 * name) and one model (as the client asked for it).
 */
public record UsageQuery(Instant since, Instant until, Optional<String> tokenName, Optional<String> model) {
    public UsageQuery {
        if (!since.isBefore(until)) {
            throw new IllegalArgumentException("since (" + since + ") must be before until (" + until + ")");
        }
    }
}
