package dev.junction.gateway.config;

import java.time.Duration;

/**
 * Where and how the gateway listens.
 *
 * @param maxBodyBytes the largest request body accepted; larger ones get a 400 in the caller's protocol
 * @param shutdownGrace how long a stop waits for requests in flight
 */
public record ServerSettings(String host, int port, long maxBodyBytes, Duration shutdownGrace) {
    public static final long DEFAULT_MAX_BODY_BYTES = 20L * 1024 * 1024;
}
