package dev.junction.gateway.edge;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Request ids: unique within a process and very unlikely to repeat across instances
 * ({@code req_} + a random per-process prefix + a counter), cheap enough for every request.
 */
public final class RequestIds implements Supplier<String> {
    private final String prefix;
    private final AtomicLong counter = new AtomicLong();

    public RequestIds() {
        this.prefix = "req_" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }

    @Override
    public String get() {
        return prefix + "_" + Long.toString(counter.incrementAndGet(), 36);
    }
}
