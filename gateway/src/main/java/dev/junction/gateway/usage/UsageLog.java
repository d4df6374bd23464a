package dev.junction.gateway.usage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One log line per request: id, token, model, status, tokens, latency and time to first byte.
 *
 * <p>The request path only queues the record. A daemon thread wakes every
 * {@value #INTERVAL_MILLIS} ms, formats what has queued and writes it as one batch, then flushes
 * once: a load profile showed the synchronous line (message formatting, java.util.logging's
 * stack walk to find the caller, a write and flush per line) taking 18 % of the event loop's CPU.
 * The thread is never signalled by the request path, so queueing costs no system call. When the
 * log cannot keep up and the queue is full, records are dropped and the count is logged: the
 * request path never waits for the log.
 */
public final class UsageLog implements UsageSink, AutoCloseable {
    /** java.util.logging directly: {@code logp} names the source, so no stack walk finds it. */
    private static final Logger LOG = Logger.getLogger("junction.requests");
    private static final int CAPACITY = 65_536;
    private static final long INTERVAL_MILLIS = 20;

    private final BlockingQueue<UsageRecord> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean closed;

    public UsageLog() {
        writer = Thread.ofPlatform().daemon().name("junction-usage-log").unstarted(this::run);
        writer.start();
    }

    @Override
    public void accept(UsageRecord r) {
        if (closed || !LOG.isLoggable(Level.INFO)) {
            return;
        }
        if (!queue.offer(r)) {
            dropped.incrementAndGet();
        }
    }

    private void run() {
        List<UsageRecord> batch = new ArrayList<>(1024);
        StringBuilder line = new StringBuilder(256);
        while (!closed) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(INTERVAL_MILLIS));
            drain(batch, line);
        }
        drain(batch, line);
    }

    private void drain(List<UsageRecord> batch, StringBuilder line) {
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            LOG.logp(Level.WARNING, UsageLog.class.getName(), "drain",
                    lost + " request log lines were dropped: the log could not keep up");
        }
        while (queue.drainTo(batch, 1024) > 0) {
            for (UsageRecord r : batch) {
                line.setLength(0);
                LogRecord entry = new LogRecord(Level.INFO, format(r, line));
                entry.setLoggerName(LOG.getName());
                entry.setSourceClassName(UsageLog.class.getName());
                entry.setSourceMethodName("accept");
                entry.setParameters(new Object[] {r}); // the record itself, for a formatter that writes fields
                LOG.log(entry);
            }
            batch.clear();
        }
        for (Handler handler : LOG.getHandlers()) {
            handler.flush();
        }
    }

    static String format(UsageRecord r, StringBuilder line) {
        line.append("request=").append(r.requestId())
                .append(" token=").append(r.tokenName().orElse("-"))
                .append(' ').append(r.protocol()).append(' ').append(r.endpoint())
                .append(" model=").append(r.model().isEmpty() ? "-" : r.model())
                .append(" upstream=").append(r.upstream().isEmpty() ? "-" : r.upstream())
                .append(" status=").append(r.status())
                .append(" prompt=").append(r.promptTokens())
                .append(" output=").append(r.outputTokens())
                .append(" thought=").append(r.thoughtTokens());
        if (r.estimated()) {
            line.append(" (estimated)");
        }
        if (r.costMicros() > 0) {
            line.append(" cost=$").append(java.math.BigDecimal.valueOf(r.costMicros(), 6).stripTrailingZeros()
                    .toPlainString());
        }
        line.append(" latency=").append(r.latencyMillis()).append("ms ttfb=");
        if (r.firstByteMillis().isPresent()) {
            line.append(r.firstByteMillis().get()).append("ms");
        } else {
            line.append('-');
        }
        if (r.attempts() > 1) {
            line.append(" attempts=").append(r.attempts());
        }
        r.errorKind().ifPresent(k -> line.append(" error=").append(k));
        if (r.clientGone()) {
            line.append(" client-gone");
        }
        return line.toString();
    }

    /** Writes what is queued and stops the writer. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(writer);
        try {
            writer.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
