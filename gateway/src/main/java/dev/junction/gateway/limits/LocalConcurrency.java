package dev.junction.gateway.limits;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Requests in flight counted in this process. */
public final class LocalConcurrency implements ConcurrencyLimiter {
    private final ConcurrentHashMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    @Override
    public Optional<Lease> tryAcquire(String tokenId, int limit, String requestId) {
        AtomicInteger count = counts.computeIfAbsent(tokenId, id -> new AtomicInteger());
        while (true) {
            int n = count.get();
            if (n >= limit) {
                return Optional.empty();
            }
            if (count.compareAndSet(n, n + 1)) {
                return Optional.of(count::decrementAndGet);
            }
        }
    }

    /** Nothing to do: an acquire in this process always answers, so none is in doubt. */
    @Override
    public void forget(String tokenId, String requestId) {}

    @Override
    public int inFlight(String tokenId) {
        AtomicInteger count = counts.get(tokenId);
        return count == null ? 0 : count.get();
    }
}
