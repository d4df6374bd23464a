package dev.junction.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where rate limits, concurrency and budgets are counted ({@code limits:}).
 *
 * @param redisUrl Redis shared by every instance (limits then hold across instances); absent
 *     means in-process counters, right for one instance
 * @param redisKeyPrefix prefix of every Redis key Junction writes, so instances of different
 *     deployments (or tests) can share a Redis
 * @param reserveOutputTokens output tokens reserved (against tokens-per-minute and budgets) for a
 *     request that sets no maximum, and the cap on what a request's own maximum reserves
 * @param spendSync how often spend is re-read from the database, so instances sharing a database
 *     without Redis see each other's spending
 */
public record LimitSettings(Optional<URI> redisUrl, String redisKeyPrefix, int reserveOutputTokens,
        Duration spendSync) {
    public static final LimitSettings DEFAULTS = new LimitSettings(Optional.empty(), "junction", 4096,
            Duration.ofSeconds(5));
}
