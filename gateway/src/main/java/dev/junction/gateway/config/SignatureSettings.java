package dev.junction.gateway.config;

import java.time.Duration;

/**
 * The thought-signature store: at most {@code maxBytes} of signatures, each kept for {@code ttl}
 * (a tool conversation that pauses longer falls back to the documented bypass value).
 */
public record SignatureSettings(long maxBytes, Duration ttl) {
    public static final SignatureSettings DEFAULTS = new SignatureSettings(64L * 1024 * 1024, Duration.ofHours(24));
}
