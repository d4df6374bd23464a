package dev.junction.gateway.media;

import java.time.Duration;

/**
 * Limits on media Junction fetches for clients that send {@code http(s)} URLs.
 *
 * @param maxBytes the largest file fetched
 * @param timeout for the whole fetch
 * @param allowPrivateAddresses whether URLs may point at private, loopback or link-local addresses
 * @param maxUrls the most URLs one request may have fetched; more is a 400
 * @param maxBytesInFlight fetched bytes held by all requests together; a fetch that would go past
 *     it fails its request with a 503 and {@code Retry-After}
 */
public record MediaSettings(long maxBytes, Duration timeout, boolean allowPrivateAddresses, int maxUrls,
        long maxBytesInFlight) {
    public static final MediaSettings DEFAULTS = new MediaSettings(20L * 1024 * 1024, Duration.ofSeconds(15), false,
            16, 64L * 1024 * 1024);

    /** The defaults for what is not given. */
    public MediaSettings(long maxBytes, Duration timeout, boolean allowPrivateAddresses) {
        this(maxBytes, timeout, allowPrivateAddresses, DEFAULTS.maxUrls(), Math.max(maxBytes, DEFAULTS.maxBytesInFlight()));
    }
}
