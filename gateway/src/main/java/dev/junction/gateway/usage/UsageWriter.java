package dev.junction.gateway.usage;

import dev.junction.gateway.config.UsageSettings;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Usage records on their way to the database: a bounded queue filled by requests (never
 * blocking them) and drained by one writer thread in batches, one transaction each.
 *
 * <p>When the database fails, the writer keeps the batch it holds and retries it with a
 * growing pause (up to {@value #MAX_BACKOFF_MILLIS} ms); meanwhile records wait in the queue. A
 * full queue drops new records, counts them ({@link Stats#dropped()}) and says so in the log,
 * once when it starts and then at most every {@value #DROP_LOG_EVERY_SECONDS} seconds. A
 * batch is retried whole; the store skips request ids it already has, so a commit whose
 * acknowledgement was lost is not written twice.
 *
 * <p>The writer takes what has queued every {@value #LINGER_MILLIS} ms (at once while there is a
 * backlog), so a record reaches the database within about that time plus one transaction.
 *
 * <p>{@link #close()} stops taking the queue's new arrivals only after writing everything that
 * arrived before it, waiting up to the configured drain timeout for a database that is down.
 */
public final class UsageWriter implements UsageSink, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(UsageWriter.class.getName());
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    private static final long DROP_LOG_EVERY_SECONDS = 10;
    private static final long LINGER_MILLIS = 25;

    /** Told about records once they are durably stored (so spend can move from memory to the database). */
    @FunctionalInterface
    public interface Listener {
        void written(List<UsageRecord> records);
    }

    /**
     * @param queued records waiting in memory now
     * @param written records stored since start
     * @param dropped records lost because the queue was full
     * @param failures failed write attempts since start
     * @param failing whether the last attempt failed
     */
    public record Stats(int queued, long written, long dropped, long failures, boolean failing) {}

    private final UsageStore store;
    private final UsageSettings settings;
    private final Listener listener;
    private final BlockingQueue<UsageRecord> queue;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Thread thread;
    private volatile boolean failing;
    private volatile boolean closing;
    private volatile long drainDeadlineNanos;
    private volatile int inHand;
    private long lastDropLogNanos;

    public UsageWriter(UsageStore store, UsageSettings settings, Listener listener) {
        this.store = store;
        this.settings = settings;
        this.listener = listener;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.thread = new Thread(this::run, "junction-usage-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    @Override
    public void accept(UsageRecord record) {
        if (queue.offer(record)) {
            return;
        }
        long n = dropped.incrementAndGet();
        synchronized (this) {
            long now = System.nanoTime();
            if (n == 1 || now - lastDropLogNanos > TimeUnit.SECONDS.toNanos(DROP_LOG_EVERY_SECONDS)) {
                lastDropLogNanos = now;
                LOG.log(Level.ERROR, "usage queue full ({0} records waiting for the database): dropping usage "
                        + "records, {1} dropped so far", settings.queueCapacity(), n);
            }
        }
    }

    public Stats stats() {
        return new Stats(queue.size() + inHand, written.get(), dropped.get(), failures.get(), failing);
    }

    private void run() {
        List<UsageRecord> batch = new ArrayList<>(settings.batchSize());
        long backoff = 100;
        boolean full = false;
        while (true) {
            if (batch.isEmpty()) {
                // Let records gather for LINGER_MILLIS rather than waiting on the queue: a waiting
                // poll made every request wake this thread, which then committed a transaction of
                // one or two records (29 % of the gateway's CPU at 7,000 requests/s). A full batch
                // means a backlog: take the next one at once.
                if (closing) {
                    // Stopping: requests that finished just before the stop may still be handing
                    // their records over, so stop only after the queue stayed empty for 200 ms.
                    UsageRecord next;
                    try {
                        next = queue.poll(200, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        next = queue.poll(); // never interrupted by Junction; poll once and carry on
                    }
                    if (next == null) {
                        return;
                    }
                    batch.add(next);
                } else if (!full) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS));
                }
                queue.drainTo(batch, settings.batchSize() - batch.size());
                if (batch.isEmpty()) {
                    continue;
                }
                full = batch.size() == settings.batchSize();
                inHand = batch.size();
            }
            try {
                List<UsageRecord> inserted = store.insert(batch);
                written.addAndGet(batch.size());
                if (failing) {
                    failing = false;
                    LOG.log(Level.INFO, "usage records are being written again ({0} waiting)", queue.size());
                }
                batch.clear();
                inHand = 0;
                backoff = 100;
                notifyWritten(inserted);
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                if (!failing) {
                    failing = true;
                    LOG.log(Level.WARNING, "cannot write usage records, will retry; they wait in memory "
                            + "(up to {0}): {1}", settings.queueCapacity(), e.getMessage());
                }
                if (closing && System.nanoTime() > drainDeadlineNanos) {
                    return;
                }
                pause(backoff);
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            }
        }
    }

    private void notifyWritten(List<UsageRecord> inserted) {
        if (inserted.isEmpty()) {
            return;
        }
        try {
            listener.written(inserted);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "usage listener failed", e);
        }
    }

    /** Waits before a retry; close() cuts the wait short by unparking rather than interrupting. */
    private static void pause(long millis) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    /** Writes what is queued (waiting up to the drain timeout), then stops the writer. */
    @Override
    public void close() {
        Duration timeout = settings.drainTimeout();
        drainDeadlineNanos = System.nanoTime() + timeout.toNanos();
        closing = true;
        // Not interrupt(): an interrupt landing inside a JDBC call can break the connection the
        // drain is about to use.
        LockSupport.unpark(thread);
        try {
            thread.join(timeout.toMillis() + 1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int lost = queue.size() + inHand;
        if (lost > 0) {
            LOG.log(Level.ERROR, "stopping with {0} usage records not written (the database did not accept them "
                    + "within {1})", lost, timeout);
        }
    }
}
