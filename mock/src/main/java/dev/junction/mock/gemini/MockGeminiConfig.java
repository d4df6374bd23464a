package dev.junction.mock.gemini;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How to run a {@link MockGeminiServer}.
 *
 * @param host            the address to bind; {@code 127.0.0.1} by default (the mock is not for networks)
 * @param port            the port; {@code 0} picks a free one ({@link MockGeminiServer#port()} tells which)
 * @param acceptedKeys    the API keys accepted; empty accepts any non-empty key. A key not in a
 *                        non-empty set gets Google's 400 {@code API_KEY_INVALID}; no key at all gets
 *                        403 {@code PERMISSION_DENIED} either way
 * @param maxStall        the longest a {@code mock:hang} or {@code mock:hang-after} holds a
 *                        connection when the client never gives up; closing the server ends them at once
 * @param recordLimit     how many received requests {@link MockGeminiServer#received()} keeps
 * @param signatureSecret the HMAC key of the mock's thought signatures; a fixed default keeps
 *                        signatures identical across restarts (same request, same bytes)
 */
public record MockGeminiConfig(String host, int port, Set<String> acceptedKeys, Duration maxStall, int recordLimit,
                               String signatureSecret) {

    public static final int DEFAULT_RECORD_LIMIT = 200;

    public MockGeminiConfig {
        Objects.requireNonNull(host, "host");
        acceptedKeys = Set.copyOf(acceptedKeys);
        Objects.requireNonNull(maxStall, "maxStall");
        Objects.requireNonNull(signatureSecret, "signatureSecret");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0-65535, not " + port);
        }
        if (recordLimit < 0) {
            throw new IllegalArgumentException("recordLimit must not be negative");
        }
    }

    /** Loopback, an ephemeral port, any key, stalls of at most 10 minutes, the last 200 requests kept. */
    public static MockGeminiConfig defaults() {
        return new MockGeminiConfig("127.0.0.1", 0, Set.of(), Duration.ofMinutes(10), DEFAULT_RECORD_LIMIT,
                "junction-mock-thought-signatures");
    }

    public MockGeminiConfig withHost(String host) {
        return new MockGeminiConfig(host, port, acceptedKeys, maxStall, recordLimit, signatureSecret);
    }

    public MockGeminiConfig withPort(int port) {
        return new MockGeminiConfig(host, port, acceptedKeys, maxStall, recordLimit, signatureSecret);
    }

    public MockGeminiConfig withAcceptedKeys(Set<String> keys) {
        return new MockGeminiConfig(host, port, keys, maxStall, recordLimit, signatureSecret);
    }

    public MockGeminiConfig withMaxStall(Duration maxStall) {
        return new MockGeminiConfig(host, port, acceptedKeys, maxStall, recordLimit, signatureSecret);
    }

    /** {@code 0} turns recording off, which benchmarks may prefer. */
    public MockGeminiConfig withRecordLimit(int recordLimit) {
        return new MockGeminiConfig(host, port, acceptedKeys, maxStall, recordLimit, signatureSecret);
    }

    public MockGeminiConfig withSignatureSecret(String secret) {
        return new MockGeminiConfig(host, port, acceptedKeys, maxStall, recordLimit, secret);
    }
}
