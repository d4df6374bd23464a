package dev.junction.bench.usage;

import dev.junction.gateway.usage.UsageJournal;
import dev.junction.gateway.usage.UsageRecord;
import dev.junction.gateway.usage.UsageRecordBounds;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * What the usage journal costs a request on its event loop: bounding a record to its columns,
 * and appending it (encoding one JSON line and copying it into the memory-mapped segment), from
 * one thread and from two at once (two event loops sharing the journal's lock). For comparison,
 * {@code writeSyscall} is what the same line would cost written with one {@code write()} to a
 * page-cache file instead (no fsync), the design the mapping replaced. Each iteration starts a
 * fresh journal in a temporary folder and deletes it after.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class UsageJournalBench {
    private final AtomicLong ids = new AtomicLong();
    private Path dir;
    private UsageJournal journal;
    private FileChannel file;
    private final ByteBuffer line = ByteBuffer.wrap(("{\"t\":1773144000000,\"id\":\"req_3k2l1m0n9o8p_1\",\"tid\":"
            + "\"7f9c2b1e-4d3a-4f6b-9c8d-0e1f2a3b4c5d\",\"tn\":\"team-analytics\",\"m\":\"gemini-2.5-flash\",\"um\":"
            + "\"gemini-2.5-flash\",\"u\":\"gemini-eu\",\"a\":1,\"p\":\"openai\",\"e\":\"chat_completions\",\"s\":true,"
            + "\"pt\":1234,\"ot\":567,\"tt\":89,\"ct\":0,\"est\":false,\"c\":1842,\"l\":812,\"fb\":143,\"st\":200,"
            + "\"cg\":false}\n").getBytes(StandardCharsets.UTF_8));

    @Setup(Level.Iteration)
    public void open() throws IOException {
        dir = Files.createTempDirectory("junction-journal-bench");
        journal = UsageJournal.open(dir);
        file = FileChannel.open(dir.resolve("write-syscall.journal"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException {
        journal.close();
        file.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private UsageRecord record() {
        return new UsageRecord(Instant.now(), "req_3k2l1m0n9o8p_" + Long.toString(ids.incrementAndGet(), 36),
                Optional.of("7f9c2b1e-4d3a-4f6b-9c8d-0e1f2a3b4c5d"), Optional.of("team-analytics"), "gemini-2.5-flash",
                "gemini-2.5-flash", "gemini-eu", 1, "openai", "chat_completions", true, 1234, 567, 89, 0, false, 1_842,
                812, Optional.of(143L), 200, Optional.empty(), false);
    }

    @Benchmark
    public UsageRecord bound() {
        return UsageRecordBounds.bound(record());
    }

    @Benchmark
    public void append() {
        journal.append(UsageRecordBounds.bound(record()));
    }

    @Benchmark
    public int writeSyscall() throws IOException {
        return file.write(line.rewind());
    }

    @Benchmark
    @Threads(2)
    public void appendFromTwoThreads() {
        journal.append(UsageRecordBounds.bound(record()));
    }
}
