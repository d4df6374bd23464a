package dev.junction.gateway.routing;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The set of upstreams requests are routed to now, replaceable while the gateway runs: a request
 * takes the current set once, when it is routed, so requests already under way finish on the
 * set they started with. A replaced set is closed once its last request has ended (or after
 * {@code maxDrain}, for an answer that never ends).
 */
public final class LiveUpstreams implements Supplier<Upstreams>, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LiveUpstreams.class.getName());

    private final AtomicReference<Upstreams> current;
    private final List<Upstreams> retiring = new CopyOnWriteArrayList<>();
    private final Duration maxDrain;

    public LiveUpstreams(Upstreams initial, Duration maxDrain) {
        this.current = new AtomicReference<>(initial);
        this.maxDrain = maxDrain;
    }

    @Override
    public Upstreams get() {
        return current.get();
    }

    /** Routes new requests to {@code next}; the set it replaces drains, then closes. */
    public void replace(Upstreams next) {
        Upstreams old = current.getAndSet(next);
        retiring.add(old);
        Thread.ofVirtual().name("junction-upstreams-drain").start(() -> drainThenClose(old));
    }

    private void drainThenClose(Upstreams old) {
        long deadline = System.nanoTime() + maxDrain.toNanos();
        try {
            while (old.inFlight() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (old.inFlight() > 0) {
            LOG.log(Level.WARNING, "closing the replaced upstreams with {0} answers still under way",
                    Integer.toString(old.inFlight()));
        }
        if (retiring.remove(old)) {
            old.close();
        }
    }

    @Override
    public void close() {
        current.get().close();
        for (Upstreams old : retiring) {
            if (retiring.remove(old)) {
                old.close();
            }
        }
    }
}
