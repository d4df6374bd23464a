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
 *     request that sets no maximum
 * @param spendSync how often spend is re-read from the database, so instances sharing a database
 *     without Redis see each other's spending
 * @param redisTimeout the longest one Redis call may take before the limit is treated as
 *     unreachable
 * @param onRedisFailure what a request gets when Redis cannot be reached
 */
public record LimitSettings(Optional<URI> redisUrl, String redisKeyPrefix, int reserveOutputTokens,
        Duration spendSync, Duration redisTimeout, RedisFailurePolicy onRedisFailure) {
    /** What a request gets while its limits cannot be checked. */
    public enum RedisFailurePolicy {
        /** Served without the limit (and the log says so): a counter outage is not an API outage. */
        ALLOW,
        /** Refused with 503 until Redis answers again: no request goes unlimited. */
        DENY
    }

    public static final Duration DEFAULT_REDIS_TIMEOUT = Duration.ofMillis(100);

    public static final LimitSettings DEFAULTS = new LimitSettings(Optional.empty(), "junction", 4096,
            Duration.ofSeconds(5), DEFAULT_REDIS_TIMEOUT, RedisFailurePolicy.ALLOW);

    public LimitSettings(Optional<URI> redisUrl, String redisKeyPrefix, int reserveOutputTokens, Duration spendSync) {
        this(redisUrl, redisKeyPrefix, reserveOutputTokens, spendSync, DEFAULT_REDIS_TIMEOUT, RedisFailurePolicy.ALLOW);
    }
}
