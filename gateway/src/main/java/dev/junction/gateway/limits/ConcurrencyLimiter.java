package dev.junction.gateway.limits;

import java.util.Optional;

/**
 * Requests in flight per token. Implementations: {@link LocalConcurrency} (this process) and
 * {@link RedisConcurrency} (shared). Acquiring never waits: a token at its limit is refused.
 */
public interface ConcurrencyLimiter {
    /** A slot held by one request. */
    interface Lease {
        void release();
    }

    /** A slot for {@code requestId} if fewer than {@code limit} are held for {@code tokenId}. */
    Optional<Lease> tryAcquire(String tokenId, int limit, String requestId);

    /** Slots held now for {@code tokenId}. */
    int inFlight(String tokenId);
}
