package dev.junction.gateway.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;

/**
 * Buckets in this process. A bucket unused for ten minutes is forgotten: every limit here
 * refills within a minute, so a forgotten bucket would have been full anyway.
 */
public final class LocalBuckets implements BucketSource {
    private final TimeMeter time;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(1_000_000)
            .build();

    public LocalBuckets(Clock clock) {
        this.time = new ClockTimeMeter(clock);
    }

    @Override
    public Bucket bucket(String key, BucketConfiguration configuration) {
        return buckets.get(key, k -> {
            var builder = Bucket.builder().withCustomTimePrecision(time);
            for (var bandwidth : configuration.getBandwidths()) {
                builder.addLimit(bandwidth);
            }
            return builder.build();
        });
    }
}
