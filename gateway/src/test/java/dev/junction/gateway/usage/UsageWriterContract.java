package dev.junction.gateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.config.UsageSettings;
import dev.junction.gateway.store.Database;
import dev.junction.gateway.store.StorageSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The usage writer against a real database, once per store: a record too big for its columns
 * is written cut to fit, a record the database refuses is let go (logged and counted) while the
 * rest of its batch is written and metering goes on, and what a killed process left in the
 * journal is written once at the next start.
 */
abstract class UsageWriterContract {
    static final Instant T0 = Instant.parse("2026-03-10T12:00:00Z");
    static final UsageSettings SETTINGS = new UsageSettings(10_000, 500, Duration.ofSeconds(10));

    @TempDir
    Path dir;

    Database database;
    JdbcUsageStore store;
    final List<UsageWriter> writers = new ArrayList<>();
    final List<UsageRecord> notified = new CopyOnWriteArrayList<>();

    abstract StorageSettings storage();

    /** Makes the database itself refuse records of {@code model} (a check or a trigger of the store's own). */
    abstract String refuseModelSql(String model);

    void dropStorage() {}

    @BeforeEach
    void open() {
        database = Database.open(storage());
        store = new JdbcUsageStore(database);
    }

    @AfterEach
    void close() {
        writers.forEach(UsageWriter::close);
        database.close();
        dropStorage();
    }

    static UsageRecord record(String id, String model, long cost) {
        return new UsageRecord(T0, id, Optional.of("tid-writer"), Optional.of("writer"), model, model, "mock", 1,
                "openai", "chat.completions", false, 10, 20, 0, 0, false, cost, 15, Optional.of(5L), 200,
                Optional.empty(), false);
    }

    UsageWriter writer(Optional<UsageJournal> journal) {
        UsageWriter w = new UsageWriter(store, SETTINGS, notified::addAll, journal);
        writers.add(w);
        return w;
    }

    List<UsageRecord> stored() {
        return store.find(new UsageQuery(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), Optional.empty(),
                Optional.empty()), Optional.empty(), 100_000).records();
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void aModelNameLongerThanItsColumnIsWrittenCutToFit() throws Exception {
        UsageWriter writer = writer(Optional.empty());
        writer.accept(record("req_long_1", "gemini-2.5-flash", 10));
        writer.accept(record("req_long_2", "g".repeat(5_000) + "\u0000", 20));
        writer.accept(record("req_long_3", "gemini-2.5-flash", 30));
        await("three records written", () -> writer.stats().written() == 3);
        assertThat(stored()).hasSize(3);
        UsageRecord cut = stored().stream().filter(r -> r.requestId().equals("req_long_2")).findFirst().orElseThrow();
        assertThat(cut.model()).isEqualTo("g".repeat(200));
        assertThat(writer.stats().rejected()).isZero();
    }

    @Test
    void aRecordTheDatabaseRefusesIsCountedAndTheRestOfItsBatchIsWritten() throws Exception {
        try (Connection c = database.connection(); Statement s = c.createStatement()) {
            s.execute(refuseModelSql("poison"));
        }
        UsageWriter writer = writer(Optional.empty());
        for (int i = 0; i < 10; i++) {
            writer.accept(record("req_batch_" + i, i == 4 ? "poison" : "gemini-2.5-flash", 100));
        }
        await("nine written and one refused", () -> writer.stats().written() == 9 && writer.stats().rejected() == 1);
        assertThat(stored()).extracting(UsageRecord::requestId).hasSize(9).doesNotContain("req_batch_4");
        assertThat(notified).hasSize(9);
        assertThat(store.spendSince(0)).containsEntry("tid-writer", 900L);
        assertThat(writer.stats().failing()).isFalse();

        // Metering goes on: records after the bad one are written as usual.
        for (int i = 10; i < 15; i++) {
            writer.accept(record("req_batch_" + i, "gemini-2.5-flash", 100));
        }
        writer.accept(record("req_batch_poison_again", "poison", 100));
        await("the next records written", () -> writer.stats().written() == 14 && writer.stats().rejected() == 2);
        assertThat(stored()).hasSize(14);
    }

    @Test
    void recordsAKilledProcessLeftInTheJournalAreWrittenOnceAtTheNextStart() throws Exception {
        Path journalDir = dir.resolve("usage-journal");
        UsageJournal firstJournal = UsageJournal.open(journalDir);
        UsageWriter first = writer(Optional.of(firstJournal));
        for (int i = 0; i < 10; i++) {
            UsageRecord r = record("req_replay_" + i, "gemini-2.5-flash", 1_000);
            first.keep(r); // before the answer's last bytes
            if (i < 6) {
                first.accept(r); // the exchange ended: queued for the database
            }
        }
        await("the six that ended written", () -> first.stats().written() == 6);
        // The process dies here: four records were answered but never queued, and the journal was
        // never closed. The next process finds them.
        UsageJournal nextJournal = UsageJournal.open(journalDir);
        assertThat(nextJournal.leftovers()).hasSize(1);
        UsageWriter next = writer(Optional.of(nextJournal));
        assertThat(next.stats().replayed()).as("written by the constructor, before spend is read").isEqualTo(4);
        assertThat(stored()).extracting(UsageRecord::requestId).hasSize(10);
        assertThat(store.spendSince(0)).as("the six already stored are not counted twice")
                .containsEntry("tid-writer", 10_000L);
        assertThat(nextJournal.leftovers().get(0)).doesNotExist();
    }

    @Test
    void journalledRecordsAreWrittenAfterTheDatabaseWasRefusingThemAtStart() throws Exception {
        Path journalDir = dir.resolve("usage-journal");
        UsageJournal firstJournal = UsageJournal.open(journalDir);
        for (int i = 0; i < 3; i++) {
            firstJournal.append(record("req_late_" + i, "gemini-2.5-flash", 1));
        }
        try (Connection c = database.connection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE token_spend"); // the database fails every write until it is back
        }
        UsageWriter next = writer(Optional.of(UsageJournal.open(journalDir)));
        assertThat(next.stats().replayed()).isZero();
        assertThat(next.stats().failures()).isPositive();
        try (Connection c = database.connection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE token_spend (token_id VARCHAR(36) NOT NULL, day BIGINT NOT NULL, "
                    + "cost_micros BIGINT NOT NULL, requests BIGINT NOT NULL, PRIMARY KEY (token_id, day))");
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        await("the journal replayed by the writer's thread", () -> next.stats().replayed() == 3);
        assertThat(stored()).hasSize(3);
    }
}
