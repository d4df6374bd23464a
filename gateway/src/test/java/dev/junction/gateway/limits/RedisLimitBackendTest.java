package dev.junction.gateway.limits;

import dev.junction.gateway.config.LimitSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;

/**
 * The limit contract on the Redis at 127.0.0.1:6379 (or {@code JUNCTION_TEST_REDIS}), under a
 * key prefix of its own. Fails, not skips, without Redis; exclude with
 * {@code -DexcludedGroups=redis}.
 */
@Tag("redis")
class RedisLimitBackendTest extends LimitBackendContract {
    static final String REDIS = Optional.ofNullable(System.getenv("JUNCTION_TEST_REDIS"))
            .orElse("redis://127.0.0.1:6379");
    private LimitBackends backends;

    @Override
    LimitBackends backends() {
        if (backends == null) {
            backends = LimitBackends.create(new LimitSettings(Optional.of(URI.create(REDIS)),
                    "jt-" + UUID.randomUUID(), 4096, Duration.ofSeconds(5)), store, clock, Runnable::run);
        }
        return backends;
    }

    @AfterEach
    void close() {
        backends.close();
    }
}
