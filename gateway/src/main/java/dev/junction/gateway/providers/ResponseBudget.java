package dev.junction.gateway.providers;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many bytes of upstream answers Junction holds in memory at once, across all requests.
 * Whole (non-streamed) answers are read before they are translated, so without a bound a few
 * large ones at once would exhaust the heap and end the process; with it, the answer that does
 * not fit is refused with a clean error and the others go on. Streams hold an event at a time
 * and need no budget.
 */
public final class ResponseBudget {
    /** No bound (for small bodies such as error answers and model lists). */
    public static final ResponseBudget UNLIMITED = new ResponseBudget(Long.MAX_VALUE);

    private final long capacity;
    private final AtomicLong held = new AtomicLong();

    public ResponseBudget(long capacity) {
        this.capacity = capacity;
    }

    public boolean tryAcquire(long bytes) {
        if (capacity == Long.MAX_VALUE) {
            return true;
        }
        while (true) {
            long now = held.get();
            if (now + bytes > capacity) {
                return false;
            }
            if (held.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    public void release(long bytes) {
        if (capacity != Long.MAX_VALUE && bytes > 0) {
            held.addAndGet(-bytes);
        }
    }

    public long held() {
        return held.get();
    }

    public long capacity() {
        return capacity;
    }
}
