package dev.junction.mock.gemini;

import java.util.ArrayDeque;
import java.util.List;

/** The last {@code limit} requests received, oldest first; bounded so a long benchmark cannot fill memory. */
final class RequestLog {
    private final int limit;
    private final ArrayDeque<ReceivedRequest> entries;
    private long sequence;

    RequestLog(int limit) {
        this.limit = limit;
        this.entries = new ArrayDeque<>(Math.min(limit, 256));
    }

    boolean enabled() {
        return limit > 0;
    }

    synchronized long nextSequence() {
        return ++sequence;
    }

    synchronized void add(ReceivedRequest request) {
        if (limit == 0) {
            return;
        }
        if (entries.size() == limit) {
            entries.removeFirst();
        }
        entries.addLast(request);
    }

    synchronized List<ReceivedRequest> snapshot() {
        return List.copyOf(entries);
    }

    synchronized void clear() {
        entries.clear();
    }
}
