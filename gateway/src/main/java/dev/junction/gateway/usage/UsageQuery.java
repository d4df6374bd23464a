package dev.junction.gateway.usage;

import java.time.Instant;
import java.util.Optional;

/**
 * Which usage records to read: a time range {@code [since, until)} and optionally one token (by
 * name), one model (as the client asked for it), one upstream, and only the requests that
 * failed or only those that succeeded.
 *
 * @param failed true for failed requests only (an error kind or a status of 400 or more), false
 *     for the others only
 */
public record UsageQuery(Instant since, Instant until, Optional<String> tokenName, Optional<String> model,
        Optional<String> upstream, Optional<Boolean> failed) {
    public UsageQuery {
        if (!since.isBefore(until)) {
            throw new IllegalArgumentException("since (" + since + ") must be before until (" + until + ")");
        }
    }

    public UsageQuery(Instant since, Instant until, Optional<String> tokenName, Optional<String> model) {
        this(since, until, tokenName, model, Optional.empty(), Optional.empty());
    }
}
