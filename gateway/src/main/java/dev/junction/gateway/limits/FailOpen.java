package dev.junction.gateway.limits;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells the log that limits cannot be checked (Redis down), at most every ten seconds, whatever
 * the number of requests: one line per request would bury the log when it matters most.
 */
final class FailOpen {
    private static final System.Logger LOG = System.getLogger(FailOpen.class.getName());
    private static final long EVERY_NANOS = 10_000_000_000L;

    private final AtomicLong last = new AtomicLong();

    /** @param allowing whether requests are let through meanwhile (else refused with 503) */
    void report(String what, RuntimeException e, boolean allowing) {
        long now = System.nanoTime();
        long previous = last.get();
        if ((previous == 0 || now - previous > EVERY_NANOS) && last.compareAndSet(previous, now)) {
            LOG.log(Level.WARNING, "cannot check {0} ({1} until it answers; said at most every 10 s): {2}", what,
                    allowing ? "letting requests through" : "refusing requests with 503", e.toString());
        }
    }
}
