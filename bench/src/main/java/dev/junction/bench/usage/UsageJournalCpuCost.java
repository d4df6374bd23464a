package dev.junction.bench.usage;

import dev.junction.gateway.usage.UsageJournal;
import dev.junction.gateway.usage.UsageRecord;
import dev.junction.gateway.usage.UsageRecordBounds;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The CPU time (not the wall time, which on a shared machine mostly measures waiting for a core)
 * that the usage journal takes from the thread that appends: bounding and appending one record
 * to the mapped segment, against one {@code write()} of the same line to a page-cache file.
 * Five rounds of 200,000 each; the first warms up.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar dev.junction.bench.usage.UsageJournalCpuCost}
 */
public final class UsageJournalCpuCost {
    private UsageJournalCpuCost() {}

    public static void main(String[] args) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        UsageRecord record = new UsageRecord(Instant.now(), "req_3k2l1m0n9o8p_1",
                Optional.of("7f9c2b1e-4d3a-4f6b-9c8d-0e1f2a3b4c5d"), Optional.of("team-analytics"), "gemini-2.5-flash",
                "gemini-2.5-flash", "gemini-eu", 1, "openai", "chat_completions", true, 1234, 567, 89, 0, false, 1_842,
                812, Optional.of(143L), 200, Optional.empty(), false);
        byte[] line = ("{\"t\":1773144000000,\"id\":\"req_3k2l1m0n9o8p_1\",\"tid\":\"7f9c2b1e-4d3a-4f6b-9c8d-0e1f2a3b4c5d\","
                + "\"tn\":\"team-analytics\",\"m\":\"gemini-2.5-flash\",\"um\":\"gemini-2.5-flash\",\"u\":\"gemini-eu\","
                + "\"a\":1,\"p\":\"openai\",\"e\":\"chat_completions\",\"s\":true,\"pt\":1234,\"ot\":567,\"tt\":89,"
                + "\"ct\":0,\"est\":false,\"c\":1842,\"l\":812,\"fb\":143,\"st\":200,\"cg\":false}\n")
                .getBytes(StandardCharsets.UTF_8);
        int n = 200_000;
        for (int round = 1; round <= 5; round++) {
            Path dir = Files.createTempDirectory("junction-journal-cost");
            UsageJournal journal = UsageJournal.open(dir);
            long cpu = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                journal.append(UsageRecordBounds.bound(record));
            }
            long append = (threads.getCurrentThreadCpuTime() - cpu) / n;
            journal.close();
            long write;
            try (FileChannel file = FileChannel.open(dir.resolve("write.journal"), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ByteBuffer buffer = ByteBuffer.wrap(line);
                cpu = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    file.write(buffer.rewind());
                }
                write = (threads.getCurrentThreadCpuTime() - cpu) / n;
            }
            System.out.printf("round %d: bound + encode + mapped append %d ns CPU; one write() of the line %d ns CPU%n",
                    round, append, write);
            try (Stream<Path> files = Files.list(dir)) {
                files.forEach(p -> p.toFile().delete());
            }
            Files.delete(dir);
        }
    }
}
