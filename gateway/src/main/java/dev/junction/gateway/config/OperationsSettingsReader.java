package dev.junction.gateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Reads the {@code limits:} and {@code usage:} sections (prices are read by the pricing package). */
final class OperationsSettingsReader {
    private OperationsSettingsReader() {}

    static LimitSettings limits(ConfigNode node, Function<String, Optional<String>> env) {
        node.allowOnly(Set.of("redis_url", "redis_key_prefix", "reserve_output_tokens", "spend_sync", "redis_timeout",
                "on_redis_failure"));
        LimitSettings d = LimitSettings.DEFAULTS;
        Optional<String> fromEnv = env.apply("JUNCTION_REDIS_URL");
        Optional<URI> redis = fromEnv.map(v -> redisUrl(v, "env:JUNCTION_REDIS_URL"))
                .or(() -> node.get("redis_url").string().filter(s -> !s.isBlank())
                        .map(v -> redisUrl(v, node.get("redis_url").pointer())));
        String prefix = node.get("redis_key_prefix").string(d.redisKeyPrefix());
        if (!prefix.matches("[A-Za-z0-9_.:-]{1,64}")) {
            throw node.get("redis_key_prefix").error("must be 1 to 64 letters, digits, '_', '.', ':' or '-'");
        }
        int reserve = node.get("reserve_output_tokens").integer(1, 10_000_000).orElse(d.reserveOutputTokens());
        Duration sync = node.get("spend_sync").duration().orElse(d.spendSync());
        if (sync.compareTo(Duration.ofMillis(100)) < 0) {
            throw node.get("spend_sync").error("must be at least 100ms");
        }
        Duration timeout = node.get("redis_timeout").duration().orElse(d.redisTimeout());
        if (timeout.compareTo(Duration.ofMillis(10)) < 0 || timeout.compareTo(Duration.ofSeconds(10)) > 0) {
            throw node.get("redis_timeout").error("must be between 10ms and 10s");
        }
        LimitSettings.RedisFailurePolicy onFailure = node.get("on_redis_failure").string()
                .map(v -> switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
                    case "allow" -> LimitSettings.RedisFailurePolicy.ALLOW;
                    case "deny" -> LimitSettings.RedisFailurePolicy.DENY;
                    default -> throw node.get("on_redis_failure").error("must be allow or deny, got '" + v + "'");
                }).orElse(d.onRedisFailure());
        return new LimitSettings(redis, prefix, reserve, sync, timeout, onFailure);
    }

    static UsageSettings usage(ConfigNode node) {
        node.allowOnly(Set.of("queue_capacity", "batch_size", "drain_timeout", "journal"));
        UsageSettings d = UsageSettings.DEFAULTS;
        int capacity = node.get("queue_capacity").integer(100, 100_000_000).orElse(d.queueCapacity());
        int batch = node.get("batch_size").integer(1, 10_000).orElse(d.batchSize());
        Duration drain = node.get("drain_timeout").duration().orElse(d.drainTimeout());
        boolean journal = node.get("journal").bool().orElse(d.journal());
        return new UsageSettings(capacity, batch, drain, journal);
    }

    private static URI redisUrl(String text, String pointer) {
        try {
            URI uri = new URI(text.trim());
            if (!("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new ConfigException(pointer, "must be a redis:// or rediss:// URL, got '" + text + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(pointer, "is not a valid URL: " + e.getMessage());
        }
    }
}
