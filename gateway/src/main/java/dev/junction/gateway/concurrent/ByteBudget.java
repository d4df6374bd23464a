package dev.junction.gateway.concurrent;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A number of bytes that requests together may hold in memory (request bodies being read, media
 * being fetched). Callers take bytes as they arrive, never the size a peer merely declares, and
 * give back what they took when they let go of it. Lock-free; safe from every event loop.
 */
public final class ByteBudget {
    private final long capacity;
    private final AtomicLong used = new AtomicLong();

    public ByteBudget(long capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("a byte budget needs a positive capacity, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Takes {@code bytes} if they fit; false (and nothing taken) if they would go past the capacity. */
    public boolean tryTake(long bytes) {
        while (true) {
            long now = used.get();
            if (now + bytes > capacity) {
                return false;
            }
            if (used.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    /** Gives back bytes taken earlier. */
    public void giveBack(long bytes) {
        used.addAndGet(-bytes);
    }

    public long used() {
        return used.get();
    }

    public long capacity() {
        return capacity;
    }
}
