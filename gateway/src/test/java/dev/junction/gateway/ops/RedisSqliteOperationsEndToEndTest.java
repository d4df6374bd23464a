package dev.junction.gateway.ops;

import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Tag;

/**
 * The operator end-to-end tests with limits, concurrency and budgets counted in Redis (as
 * several instances would share them), under a key prefix of their own.
 */
@Tag("redis")
class RedisSqliteOperationsEndToEndTest extends SqliteOperationsEndToEndTest {
    static final String REDIS = Optional.ofNullable(System.getenv("JUNCTION_TEST_REDIS"))
            .orElse("redis://127.0.0.1:6379");

    @Override
    String limitsYaml() {
        // A generous timeout: these tests count limits exactly on a busy machine, not outages.
        return "limits:\n  redis_url: \"" + REDIS + "\"\n  redis_key_prefix: \"jt-" + UUID.randomUUID() + "\"\n"
                + "  redis_timeout: 2s\n";
    }
}
