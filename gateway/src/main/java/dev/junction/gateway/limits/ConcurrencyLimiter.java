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

    /**
     * Frees the slot of {@code requestId} if it holds one: for an acquire whose answer was lost
     * (a timeout), which may have taken the slot all the same. Safe to repeat.
     */
    void forget(String tokenId, String requestId);

    /** Slots held now for {@code tokenId}. */
    int inFlight(String tokenId);
}
