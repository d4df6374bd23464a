package dev.junction.gateway.limits;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * Buckets in Redis through Bucket4j's Lettuce integration (compare-and-swap on the bucket's
 * state), so every instance draws from the same bucket. Keys expire once their bucket would be
 * full again. Time comes from Junction's clock on the client side.
 */
public final class RedisBuckets implements BucketSource {
    private final ProxyManager<byte[]> proxies;
    private final String prefix;

    /** @param timeout the longest one bucket operation may take */
    public RedisBuckets(StatefulRedisConnection<byte[], byte[]> connection, String prefix, Clock clock,
            Duration timeout) {
        this.prefix = prefix;
        this.proxies = Bucket4jLettuce.casBasedBuilder(connection)
                .clientClock(new ClockTimeMeter(clock))
                .requestTimeout(timeout)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                        Duration.ofSeconds(10)))
                .build();
    }

    @Override
    public Bucket bucket(String key, BucketConfiguration configuration) {
        return proxies.builder().build((prefix + ":rate:" + key).getBytes(StandardCharsets.UTF_8), () -> configuration);
    }
}
