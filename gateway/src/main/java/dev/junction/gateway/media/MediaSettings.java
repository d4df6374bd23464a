package dev.junction.gateway.media;

import java.time.Duration;

/**
 * Limits on media Junction fetches for clients that send {@code http(s)} URLs.
 *
 * @param maxBytes the largest file fetched
 * @param timeout for the whole fetch
 * @param allowPrivateAddresses whether URLs may point at private, loopback or link-local addresses
 */
public record MediaSettings(long maxBytes, Duration timeout, boolean allowPrivateAddresses) {
    public static final MediaSettings DEFAULTS = new MediaSettings(20L * 1024 * 1024, Duration.ofSeconds(15), false);
}
