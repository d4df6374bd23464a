package dev.junction.gateway.usage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Usage records on disk from the moment they are made until the database has them, so that a
 * process that is killed (SIGKILL, a crash, an out-of-memory exit) loses no record of a request
 * it answered: {@link #append} runs before the answer's last bytes go out, and the next start
 * writes what an earlier process left ({@link #leftovers}).
 *
 * <p>The journal is a folder of segments, {@code usage-<n>.journal}, each a file of
 * {@value #SEGMENT_BYTES} bytes mapped into memory ({@code MAP_SHARED}) and filled with JSON
 * lines ({@link UsageJournalCodec}), zeros after the last. An append copies its line into the
 * mapping: the bytes are then in the kernel's page cache, which a killed process cannot take
 * back (a power cut can: there is no {@code fsync}, and the journal is no defence against
 * that). The {@link UsageWriter} tells the journal which records the database holds
 * ({@link #written}) and starts a new segment now and then ({@link #rotateIfDue}); a segment
 * that is no longer the newest and whose every record is written is deleted.
 *
 * <p>Why a mapping and not {@code write()}: a small {@code write()} to a page-cache file costs
 * 1.2 to 1.5 microseconds of CPU by itself (2 to 6 of wall time on a virtual machine), taken on
 * an event loop for every request; bounding, encoding and copying a record into the mapping
 * costs 1.3 to 1.7 in all, plus a page fault per 4 KB (about ten records). See
 * {@code bench/results/usage-journal-2026-12-03.md} and {@code UsageJournalBench}. Appends from
 * the event loops share a lock held for the copy only; a segment that fills is replaced by the
 * appender that finds it full (creating and mapping a file, once per {@value #SEGMENT_BYTES}
 * bytes; the writer's thread normally starts the next segment well before).
 *
 * <p>A journal that cannot be written (a full disk) does not stop requests: the record still
 * goes to the database from memory, the failure is counted and logged (at most every ten
 * seconds), and only then could a crash lose it.
 */
public final class UsageJournal implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(UsageJournal.class.getName());
    private static final String PREFIX = "usage-";
    private static final String SUFFIX = ".journal";
    static final int SEGMENT_BYTES = 1 << 20;
    /** A segment this full is replaced by the writer before an appender finds it full. */
    static final long ROTATE_BYTES = SEGMENT_BYTES / 2;
    static final long ROTATE_NANOS = TimeUnit.SECONDS.toNanos(2);

    /** One file of the journal and the request ids in it that the database does not hold yet. */
    private static final class Segment {
        final long number;
        final Path path;
        final MappedByteBuffer map;
        final Set<String> unwritten = ConcurrentHashMap.newKeySet();
        final long openedNanos = System.nanoTime();
        volatile int bytes;
        volatile boolean sealed;

        Segment(long number, Path path, MappedByteBuffer map) {
            this.number = number;
            this.path = path;
            this.map = map;
        }
    }

    private final Path dir;
    private final List<Path> leftovers;
    private final ConcurrentLinkedDeque<Segment> segments = new ConcurrentLinkedDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong failures = new AtomicLong();
    private volatile Segment current;
    private long nextNumber;
    private volatile long lastFailureLogNanos;

    private UsageJournal(Path dir, List<Path> leftovers, long nextNumber) {
        this.dir = dir;
        this.leftovers = List.copyOf(leftovers);
        this.nextNumber = nextNumber;
        this.current = open();
    }

    /**
     * Opens the journal in {@code dir} (created if missing). Segments already there are an
     * earlier process's, listed by {@link #leftovers}; new records go to a new segment.
     *
     * @throws UncheckedIOException when the folder cannot be created or written
     */
    public static UsageJournal open(Path dir) {
        try {
            Files.createDirectories(dir);
            List<Path> found = new ArrayList<>();
            long highest = 0;
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
                for (Path f : files) {
                    long n = number(f);
                    if (n > 0) {
                        found.add(f);
                        highest = Math.max(highest, n);
                    }
                }
            }
            found.sort(Comparator.comparingLong(UsageJournal::number));
            return new UsageJournal(dir, found, highest + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the usage journal in " + dir, e);
        }
    }

    private static long number(Path file) {
        String name = file.getFileName().toString();
        try {
            return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    public Path dir() {
        return dir;
    }

    /** Segments an earlier process left, oldest first: their records may not be in the database. */
    public List<Path> leftovers() {
        return leftovers;
    }

    /** Journal writes that failed since start (the records went on from memory). */
    public long failures() {
        return failures.get();
    }

    /**
     * Puts {@code record} on disk (in the kernel's hands) before returning. Never throws: a
     * failure is counted and logged.
     */
    public void append(UsageRecord record) {
        byte[] line;
        try {
            line = UsageJournalCodec.encode(record);
        } catch (RuntimeException e) {
            failed("cannot encode the usage record of request " + record.requestId(), e);
            return;
        }
        if (line.length > SEGMENT_BYTES) {
            failed("the usage record of request " + record.requestId() + " is too large for the journal",
                    new IllegalArgumentException(line.length + " bytes"));
            return;
        }
        lock.lock();
        try {
            Segment s = current;
            if (s == null) {
                return; // closed
            }
            if (s.map.remaining() < line.length) {
                s = replace(s); // full: the appender that finds it so starts the next one
            }
            s.map.put(line);
            s.bytes = s.map.position();
            s.unwritten.add(record.requestId());
        } catch (UncheckedIOException e) {
            failed("cannot start a new usage journal segment in " + dir, e);
        } catch (InternalError e) {
            // The JVM's report of a fault in the mapping (the file went away under it): start anew.
            failed("cannot write the usage journal in " + dir, new IOException(e.getMessage(), e));
            try {
                replace(current);
            } catch (UncheckedIOException again) {
                failed("cannot start a new usage journal segment in " + dir, again);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Makes a new segment the current one in place of {@code full}; called holding the lock. */
    private Segment replace(Segment full) {
        Segment next = open();
        current = next;
        full.sealed = true;
        return next;
    }

    /** The database holds {@code records} (or refused them for good): their segments may go. */
    public void written(Collection<UsageRecord> records) {
        for (UsageRecord r : records) {
            for (Segment s : segments) {
                if (s.unwritten.remove(r.requestId())) {
                    break;
                }
            }
        }
        deleteDone();
    }

    /**
     * Starts a new segment when the newest holds records and is large or old enough, so that
     * written segments can be deleted. Called by the writer's thread.
     */
    public void rotateIfDue() {
        Segment s = current;
        if (s == null || s.bytes == 0 || (s.bytes < ROTATE_BYTES && System.nanoTime() - s.openedNanos < ROTATE_NANOS)) {
            deleteDone();
            return;
        }
        Segment next;
        try {
            next = open(); // before taking the lock, so appenders do not wait for the file
        } catch (UncheckedIOException e) {
            failed("cannot start a new usage journal segment in " + dir, e);
            return;
        }
        lock.lock();
        try {
            if (current == s) {
                current = next;
                s.sealed = true;
                next = null;
            }
        } finally {
            lock.unlock();
        }
        if (next != null) { // an appender replaced the segment meanwhile: this one is not needed
            segments.remove(next);
            delete(next.path);
        }
        deleteDone();
    }

    /** Bytes of records in the newest segment. */
    int currentBytes() {
        Segment s = current;
        return s == null ? 0 : s.bytes;
    }

    /** How many records the journal holds that the database does not have yet (this process's). */
    public int unwritten() {
        int n = 0;
        for (Segment s : segments) {
            n += s.unwritten.size();
        }
        return n;
    }

    private Segment open() {
        long n;
        synchronized (segments) {
            n = nextNumber++;
        }
        Path path = dir.resolve(PREFIX + String.format("%012d", n) + SUFFIX);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            // Zeros written, not a sparse file: a full disk is then an IOException here rather
            // than a fault (SIGBUS) when an append touches a page that has no block.
            ByteBuffer zeros = ByteBuffer.allocate(64 * 1024);
            for (long at = 0; at < SEGMENT_BYTES; at += zeros.capacity()) {
                zeros.clear();
                while (zeros.hasRemaining()) {
                    channel.write(zeros, at + zeros.position());
                }
            }
            // The mapping outlives the channel.
            Segment s = new Segment(n, path, channel.map(FileChannel.MapMode.READ_WRITE, 0, SEGMENT_BYTES));
            segments.add(s);
            return s;
        } catch (IOException e) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // nothing more to do: the folder itself is failing
            }
            throw new UncheckedIOException(e);
        }
    }

    private void deleteDone() {
        for (Segment s : segments) {
            if (s.sealed && s.unwritten.isEmpty()) {
                segments.remove(s);
                delete(s.path);
            }
        }
    }

    /** Removes a segment whose records the database has (a leftover once replayed, too). */
    public static void delete(Path segment) {
        try {
            Files.deleteIfExists(segment);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot delete the written usage journal segment {0}: {1}", segment,
                    e.getMessage());
        }
    }

    /**
     * The records of a segment, in order. A line that is not a whole record (the last one, cut by
     * a crash mid-copy) is skipped and counted in {@code skipped}.
     */
    public static List<UsageRecord> read(Path segment, AtomicLong skipped) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(segment);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the usage journal segment " + segment, e);
        }
        List<UsageRecord> records = new ArrayList<>();
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++; // the records end where the segment's zeros begin (no line holds a zero byte)
        }
        int start = 0;
        for (int i = 0; i <= end; i++) {
            if (i == end || bytes[i] == '\n') {
                if (i > start) {
                    try {
                        records.add(UsageJournalCodec.decode(bytes, start, i));
                    } catch (IllegalArgumentException e) {
                        skipped.incrementAndGet();
                    }
                }
                start = i + 1;
            }
        }
        return records;
    }

    private void failed(String what, Exception e) {
        failures.incrementAndGet();
        long now = System.nanoTime();
        if (now - lastFailureLogNanos > TimeUnit.SECONDS.toNanos(10) || lastFailureLogNanos == 0) {
            lastFailureLogNanos = now;
            LOG.log(Level.ERROR, "{0} ({1} journal failures so far): usage records go on from memory only, and a "
                    + "crash now could lose them: {2}", what, failures.get(), e.toString());
        }
    }

    /**
     * Stops appending. Segments whose records are all written are deleted; the others stay for
     * the next start to replay.
     */
    @Override
    public void close() {
        Segment s;
        lock.lock();
        try {
            s = current;
            current = null;
        } finally {
            lock.unlock();
        }
        if (s != null) {
            s.sealed = true;
        }
        deleteDone();
    }
}
