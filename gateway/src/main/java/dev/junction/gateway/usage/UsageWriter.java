package dev.junction.gateway.usage;

import dev.junction.gateway.config.UsageSettings;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Usage records on their way to the database: a bounded queue filled by requests (never
 * blocking them) and drained by one writer thread in batches, one transaction each.
 *
 * <p><b>Journal.</b> With a {@link UsageJournal}, {@link #keep} appends each record to it just
 * before the answer's last bytes go out, and the writer tells the journal what the database
 * holds. At start, the writer first writes what an earlier process left in the journal (the
 * store skips request ids it has), so a killed process loses no record of a request it answered.
 *
 * <p><b>Failures.</b> When the database fails, the writer keeps the batch it holds and retries
 * it with a growing pause (up to {@value #MAX_BACKOFF_MILLIS} ms); meanwhile records wait in the
 * queue (and in the journal). A batch that the database refuses because of a record in it (a
 * value it rejects, {@link StoreFailures#recordFault}) is written again one record at a time:
 * the others are written, the bad one is logged and counted ({@link Stats#rejected()}) and
 * metering goes on. A full queue drops new records from memory, counts them
 * ({@link Stats#dropped()}) and says so in the log, once when it starts and then at most every
 * {@value #DROP_LOG_EVERY_SECONDS} seconds; they stay in the journal and are written at the next
 * start. A batch is retried whole; the store skips request ids it already has, so a commit whose
 * acknowledgement was lost is not written twice.
 *
 * <p>The writer takes what has queued every {@value #LINGER_MILLIS} ms (at once while there is a
 * backlog), so a record reaches the database within about that time plus one transaction.
 *
 * <p>{@link #close()} stops taking the queue's new arrivals only after writing everything that
 * arrived before it, waiting up to the configured drain timeout for a database that is down;
 * what it could not write stays in the journal.
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
     * @param dropped records dropped from memory because the queue was full (kept in the journal)
     * @param failures failed write attempts since start
     * @param failing whether the last attempt failed
     * @param rejected records the database refused for what they hold (logged, not stored)
     * @param replayed records an earlier process left in the journal, written since start
     */
    public record Stats(int queued, long written, long dropped, long failures, boolean failing, long rejected,
            long replayed) {}

    private final UsageStore store;
    private final UsageSettings settings;
    private final Listener listener;
    private final Optional<UsageJournal> journal;
    private final BlockingQueue<UsageRecord> queue;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong replayed = new AtomicLong();
    private final List<Path> leftovers;
    private final Thread thread;
    private volatile boolean failing;
    private volatile boolean closing;
    private volatile long drainDeadlineNanos;
    private volatile int inHand;
    private long lastDropLogNanos;
    private long backoff = 100;

    /** A writer without a journal: a crash loses what is queued. */
    public UsageWriter(UsageStore store, UsageSettings settings, Listener listener) {
        this(store, settings, listener, Optional.empty());
    }

    /**
     * Starts the writer. With a journal, what an earlier process left in it is written first: on
     * this thread once (so spend read after this constructor includes it), and if the database
     * refuses that, by the writer's thread until it succeeds.
     */
    public UsageWriter(UsageStore store, UsageSettings settings, Listener listener, Optional<UsageJournal> journal) {
        this.store = store;
        this.settings = settings;
        this.listener = listener;
        this.journal = journal;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.leftovers = new ArrayList<>(journal.map(UsageJournal::leftovers).orElse(List.of()));
        try {
            replayLeftovers();
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            LOG.log(Level.WARNING, "cannot write the usage records left in the journal yet ({0} segments), will "
                    + "retry: {1}", leftovers.size(), e.getMessage());
        }
        this.thread = new Thread(this::run, "junction-usage-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Journals the record (on the caller's thread, before the answer's last bytes go out). */
    @Override
    public void keep(UsageRecord record) {
        journal.ifPresent(j -> j.append(UsageRecordBounds.bound(record)));
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
                        + "records from memory, {1} dropped so far{2}", settings.queueCapacity(), n,
                        journal.isPresent() ? " (they stay in the journal and are written at the next start)" : "");
            }
        }
    }

    public Stats stats() {
        return new Stats(queue.size() + inHand, written.get(), dropped.get(), failures.get(), failing, rejected.get(),
                replayed.get());
    }

    /** Writes the records of each segment an earlier process left, then deletes it. */
    private void replayLeftovers() {
        while (!leftovers.isEmpty()) {
            Path segment = leftovers.get(0);
            AtomicLong skipped = new AtomicLong();
            List<UsageRecord> records = UsageJournal.read(segment, skipped);
            if (skipped.get() > 0) {
                LOG.log(Level.WARNING, "usage journal segment {0}: {1} lines were not whole records (cut by a "
                        + "crash while being written) and are skipped", segment, skipped.get());
            }
            long stored = 0;
            for (int from = 0; from < records.size(); from += settings.batchSize()) {
                List<UsageRecord> batch = new ArrayList<>(records.subList(from,
                        Math.min(records.size(), from + settings.batchSize())));
                while (!batch.isEmpty()) {
                    stored += writeIsolating(batch).size(); // throws when the database fails: retried later
                }
            }
            replayed.addAndGet(stored);
            UsageJournal.delete(segment);
            leftovers.remove(0);
            if (stored > 0) {
                LOG.log(Level.INFO, "usage journal: {0} records of {1} left by an earlier run were not in the "
                        + "database and are now", stored, records.size());
            }
        }
    }

    private void run() {
        while (!leftovers.isEmpty()) {
            try {
                replayLeftovers();
                recovered();
            } catch (RuntimeException e) {
                if (!fail(e)) {
                    return;
                }
            }
        }
        List<UsageRecord> batch = new ArrayList<>(settings.batchSize());
        boolean full = false;
        while (true) {
            if (batch.isEmpty()) {
                journal.ifPresent(UsageJournal::rotateIfDue);
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
                List<UsageRecord> inserted = writeIsolating(batch);
                inHand = batch.size();
                recovered();
                notifyWritten(inserted);
            } catch (RuntimeException e) {
                inHand = batch.size();
                if (!fail(e)) {
                    return;
                }
            }
        }
    }

    /**
     * Writes {@code batch}, removing from it what is done: everything when the database takes it
     * whole. When it refuses the batch for a record in it, each record is written on its own, and
     * those it refuses for what they hold are rejected (logged, counted, let go). Returns the
     * records that were new to the store.
     *
     * @throws RuntimeException when the database itself fails; {@code batch} then holds what is
     *     left to write
     */
    private List<UsageRecord> writeIsolating(List<UsageRecord> batch) {
        try {
            List<UsageRecord> inserted = store.insert(batch);
            done(batch, batch.size());
            return inserted;
        } catch (RuntimeException e) {
            if (!StoreFailures.recordFault(e)) {
                throw e;
            }
        }
        List<UsageRecord> inserted = new ArrayList<>();
        while (!batch.isEmpty()) {
            UsageRecord r = batch.get(0);
            try {
                inserted.addAll(store.insert(List.of(r)));
            } catch (RuntimeException e) {
                if (!StoreFailures.recordFault(e)) {
                    throw e;
                }
                reject(r, e);
            }
            done(batch, 1);
        }
        return inserted;
    }

    /** The first {@code n} records of {@code batch} are in the database (or refused for good). */
    private void done(List<UsageRecord> batch, int n) {
        List<UsageRecord> head = batch.subList(0, n);
        written.addAndGet(n);
        journal.ifPresent(j -> j.written(head));
        head.clear();
    }

    private void reject(UsageRecord r, RuntimeException e) {
        long n = rejected.incrementAndGet();
        written.decrementAndGet(); // done() counts it; it was not written
        LOG.log(Level.ERROR, "the database refused the usage record of request {0} (token {1}, model {2}); it is "
                + "not stored ({3} refused so far): {4}", r.requestId(), r.tokenName().orElse("-"),
                UsageRecordBounds.text(r.model(), 80), n, StoreFailures.describe(e));
    }

    private void recovered() {
        if (failing) {
            failing = false;
            LOG.log(Level.INFO, "usage records are being written again ({0} waiting)", queue.size());
        }
        backoff = 100;
    }

    /** Counts and logs a failed attempt and pauses; false when a stopping writer should give up. */
    private boolean fail(RuntimeException e) {
        failures.incrementAndGet();
        if (!failing) {
            failing = true;
            LOG.log(Level.WARNING, "cannot write usage records, will retry; they wait in memory (up to {0}){1}: {2}",
                    settings.queueCapacity(), journal.isPresent() ? " and in the journal" : "", e.getMessage());
        }
        if (closing && System.nanoTime() > drainDeadlineNanos) {
            return false;
        }
        journal.ifPresent(UsageJournal::rotateIfDue); // written segments still go while the database is down
        pause(backoff);
        backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
        return true;
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
                    + "within {1}){2}", lost, timeout, journal.isPresent()
                            ? "; they stay in the usage journal and are written at the next start" : "");
        }
        journal.ifPresent(UsageJournal::close);
    }
}
