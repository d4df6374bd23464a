package dev.junction.gateway.config;

import dev.junction.gateway.access.CidrBlock;
import java.util.List;

import java.time.Duration;

/**
 * Where and how the gateway listens, and how long it waits for clients.
 *
 * @param maxBodyBytes the largest request body accepted; larger ones get a 400 in the caller's protocol
 * @param shutdownGrace how long a stop waits for requests in flight
 * @param timeouts how long a connection may idle, send its headers or body, or stall a response
 * @param maxRequestBytesInFlight request body bytes held in memory by all requests together; a
 *     request that would go past it is answered 503 with {@code Retry-After}
 * @param drainDelay how long a stop keeps serving while {@code /readyz} already says
 *     {@code draining}, so load balancers stop sending before the listener closes (0: none)
 * @param trustedProxies peers whose {@code X-Forwarded-For} is believed (load balancers, reverse
 *     proxies); from any other peer the header is ignored
 */
public record ServerSettings(String host, int port, long maxBodyBytes, Duration shutdownGrace, Timeouts timeouts,
        long maxRequestBytesInFlight, Duration drainDelay, List<CidrBlock> trustedProxies) {
    public ServerSettings {
        trustedProxies = List.copyOf(trustedProxies);
    }

    public static final long DEFAULT_MAX_BODY_BYTES = 20L * 1024 * 1024;
    public static final long DEFAULT_MAX_REQUEST_BYTES_IN_FLIGHT = 64L * 1024 * 1024;
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(20);

    /**
     * @param idle a keep-alive connection with no request under way is closed after this
     * @param header a request whose headers have not all arrived this long after its first byte is closed
     * @param body a request body not complete this long after its headers is closed
     * @param writeStall an answer the client has stopped reading (nothing could be written for this long) is closed
     */
    public record Timeouts(Duration idle, Duration header, Duration body, Duration writeStall) {
        public static final Timeouts DEFAULTS = new Timeouts(Duration.ofSeconds(60), Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ofSeconds(60));
    }
}
