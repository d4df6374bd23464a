package dev.junction.gateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal on disk: what is appended is readable by the next process, written segments are
 * deleted once a newer one takes over, unwritten ones stay, and a line cut by a crash is skipped.
 */
class UsageJournalTest {
    @TempDir
    Path dir;

    static UsageRecord record(int i) {
        return new UsageRecord(Instant.ofEpochMilli(1_773_144_000_000L + i), "req_journal_" + i,
                Optional.of("tid-" + (i % 3)), i % 2 == 0 ? Optional.of("team \"a\"\n") : Optional.empty(),
                "gemini-2.5-flash", "gemini-2.5-flash-002", "mock", 1 + i % 3, "openai", "chat.completions", i % 2 == 0,
                10 + i, 20 + i, i, 2 * i, i % 5 == 0, 1000L * i, 15 + i, i % 4 == 0 ? Optional.empty() : Optional.of(3L + i),
                i % 7 == 0 ? 502 : 200, i % 7 == 0 ? Optional.of("UPSTREAM_ERROR") : Optional.empty(), i % 6 == 0);
    }

    private List<Path> segments() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("j"))) {
            return files.sorted().toList();
        }
    }

    @Test
    void everyFieldOfAnAppendedRecordIsReadBackByTheNextProcess() throws Exception {
        List<UsageRecord> appended = new ArrayList<>();
        UsageJournal first = UsageJournal.open(dir.resolve("j"));
        for (int i = 0; i < 50; i++) {
            appended.add(record(i));
            first.append(record(i));
        }
        // No close: a killed process does not close its journal.
        UsageJournal next = UsageJournal.open(dir.resolve("j"));
        assertThat(next.leftovers()).hasSize(1);
        AtomicLong skipped = new AtomicLong();
        assertThat(UsageJournal.read(next.leftovers().get(0), skipped)).containsExactlyElementsOf(appended);
        assertThat(skipped.get()).isZero();
        assertThat(segments()).as("the next process appends to a segment of its own").hasSize(2);
    }

    @Test
    void aWrittenSegmentIsDeletedOnceANewerOneTakesOverAndAnUnwrittenOneStays() throws Exception {
        UsageJournal journal = UsageJournal.open(dir.resolve("j"));
        journal.append(record(1));
        journal.append(record(2));
        journal.written(List.of(record(1), record(2)));
        assertThat(segments()).as("the newest segment stays while it is appended to").hasSize(1);
        Thread.sleep(UsageJournal.ROTATE_NANOS / 1_000_000 + 50);
        journal.rotateIfDue();
        assertThat(segments()).as("rotated, and the written segment deleted").hasSize(1);

        journal.append(record(3));
        journal.append(record(4));
        journal.written(List.of(record(3)));
        Thread.sleep(UsageJournal.ROTATE_NANOS / 1_000_000 + 50);
        journal.rotateIfDue();
        assertThat(segments()).as("record 4 is not written: its segment stays").hasSize(2);
        assertThat(journal.unwritten()).isEqualTo(1);
        journal.written(List.of(record(4)));
        assertThat(segments()).hasSize(1);

        journal.append(record(5));
        journal.close();
        assertThat(UsageJournal.open(dir.resolve("j")).leftovers()).as("closed with record 5 unwritten")
                .hasSize(1);
    }

    @Test
    void aLineCutByACrashIsSkippedAndTheWholeOnesAreRead() throws Exception {
        UsageJournal journal = UsageJournal.open(dir.resolve("j"));
        journal.append(record(1));
        journal.append(record(2));
        Path segment = segments().get(0);
        byte[] bytes = Files.readAllBytes(segment);
        assertThat(bytes).hasSize(UsageJournal.SEGMENT_BYTES);
        int end = journal.currentBytes();
        assertThat(bytes[end - 1]).isEqualTo((byte) '\n');
        assertThat(bytes[end]).as("zeros after the last record").isZero();
        java.util.Arrays.fill(bytes, end - 30, end, (byte) 0); // a copy the kill interrupted
        Files.write(segment, bytes);
        AtomicLong skipped = new AtomicLong();
        assertThat(UsageJournal.read(segment, skipped)).containsExactly(record(1));
        assertThat(skipped.get()).isEqualTo(1);
    }

    @Test
    void aHalfFullSegmentRotatesBeforeItsTime() throws Exception {
        UsageJournal journal = UsageJournal.open(dir.resolve("j"));
        List<UsageRecord> all = new ArrayList<>();
        int i = 0;
        while (journal.currentBytes() < UsageJournal.ROTATE_BYTES) {
            UsageRecord r = record(i++);
            all.add(r);
            journal.append(r);
        }
        journal.rotateIfDue();
        assertThat(segments()).hasSize(2);
        journal.written(all);
        assertThat(segments()).hasSize(1);
    }

    @Test
    void aFullSegmentIsReplacedByTheAppenderAndNoRecordIsLost() throws Exception {
        UsageJournal journal = UsageJournal.open(dir.resolve("j"));
        List<UsageRecord> all = new ArrayList<>();
        for (int i = 0; i < 8_000; i++) { // more than two segments, and no writer rotating
            UsageRecord r = record(i);
            all.add(r);
            journal.append(r);
        }
        assertThat(segments()).hasSizeGreaterThanOrEqualTo(3);
        List<UsageRecord> read = new ArrayList<>();
        AtomicLong skipped = new AtomicLong();
        for (Path segment : UsageJournal.open(dir.resolve("j")).leftovers()) {
            read.addAll(UsageJournal.read(segment, skipped));
        }
        assertThat(read).containsExactlyElementsOf(all);
        assertThat(skipped.get()).isZero();
        assertThat(journal.failures()).isZero();
    }
}
