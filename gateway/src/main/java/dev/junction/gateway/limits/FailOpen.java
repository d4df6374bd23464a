package dev.junction.gateway.limits;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a limit filter does when its counters cannot be reached (Redis down): it lets the
 * request through and says so in the log, at most every ten seconds. A gateway that stops
 * serving because its rate limiter is down turns a counter outage into an API outage.
 */
final class FailOpen {
    private static final System.Logger LOG = System.getLogger(FailOpen.class.getName());
    private static final AtomicLong LAST = new AtomicLong();

    private FailOpen() {}

    static void report(String what, RuntimeException e) {
        long now = System.nanoTime();
        long last = LAST.get();
        if ((last == 0 || now - last > 10_000_000_000L) && LAST.compareAndSet(last, now)) {
            LOG.log(Level.WARNING, "cannot check {0} (letting requests through until it answers): {1}", what,
                    e.toString());
        }
    }
}
