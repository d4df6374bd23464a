package dev.junction.gateway.edge;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many API requests are under way, so that a graceful stop can wait for them to finish
 * (streams included) before it closes what they need: the usage writer, the database.
 */
public final class InFlight {
    private final AtomicInteger count = new AtomicInteger();

    void started() {
        count.incrementAndGet();
    }

    void ended() {
        count.decrementAndGet();
    }

    public int count() {
        return count.get();
    }

    /** Waits until no request is under way, or {@code grace} has passed; true if none is. */
    public boolean awaitIdle(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        while (count.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return count.get() == 0;
    }
}
