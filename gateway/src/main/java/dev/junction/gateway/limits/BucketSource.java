package dev.junction.gateway.limits;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;

/**
 * Token buckets by key: Bucket4j's, kept in this process ({@link LocalBuckets}) or in Redis
 * ({@link RedisBuckets}). A key names the limit and its size ({@code rpm:<token id>:60}), so a
 * changed limit starts a fresh bucket instead of reconfiguring a shared one.
 */
public interface BucketSource {
    Bucket bucket(String key, BucketConfiguration configuration);
}
