package dev.junction.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.gateway.access.BudgetPeriod;
import dev.junction.gateway.access.ChangedTokens;
import dev.junction.gateway.access.CidrBlock;
import dev.junction.gateway.access.IssuedToken;
import dev.junction.gateway.access.ModelAllowlist;
import dev.junction.gateway.access.NewToken;
import dev.junction.gateway.access.Token;
import dev.junction.gateway.access.TokenChanges;
import dev.junction.gateway.access.TokenLimits;
import dev.junction.gateway.access.TokenRegistry;
import dev.junction.gateway.access.TokenStore;
import dev.junction.gateway.audit.AuditEntry;
import dev.junction.gateway.audit.JdbcAuditLog;
import dev.junction.gateway.store.StorageSettings;
import dev.junction.gateway.testing.MutableClock;
import dev.junction.gateway.usage.JdbcUsageStore;
import dev.junction.gateway.usage.UsagePage;
import dev.junction.gateway.usage.UsageQuery;
import dev.junction.gateway.usage.UsageRecord;
import dev.junction.gateway.usage.UsageStore;
import dev.junction.gateway.usage.UsageSummary;
import dev.junction.protocol.model.GatewayException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every store must do, the same on SQLite and PostgreSQL. */
abstract class StoreContract {
    static final Instant T0 = Instant.parse("2026-03-10T10:15:00Z");

    final MutableClock clock = new MutableClock(T0);
    Database database;
    UsageStore usage;

    abstract StorageSettings storage();

    void dropStorage() {}

    @BeforeEach
    void open() {
        database = Database.open(storage());
        usage = new JdbcUsageStore(database);
    }

    @AfterEach
    void close() {
        database.close();
        dropStorage();
    }

    static UsageRecord record(String id, Instant at, String token, String model, int prompt, int output, long cost,
            int status) {
        return new UsageRecord(at, id, Optional.of("id-" + token), Optional.of(token), model, model, "gemini",
                "gemini", "generateContent", false, prompt, output, 3, 1, false, cost, 120, Optional.of(40L), status,
                status == 200 ? Optional.empty() : Optional.of("RATE_LIMITED"), false);
    }

    static UsageQuery all() {
        return new UsageQuery(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), Optional.empty(), Optional.empty());
    }

    @Test
    void recordsRoundTripEveryField() {
        UsageRecord r = new UsageRecord(T0, "req-1", Optional.of("tid"), Optional.of("team"), "gemini-2.5-pro",
                "gemini-2.5-pro-002", "google", 3, "openai", "chat.completions", true, 1200, 300, 50, 1000, true, 4567,
                1500, Optional.empty(), 200, Optional.empty(), true);
        assertThat(usage.insert(List.of(r))).containsExactly(r);
        assertThat(usage.find(all(), Optional.empty(), 10).records()).containsExactly(r);
    }

    @Test
    void aRetriedBatchWritesNothingTwiceAndAddsSpendOnce() {
        UsageRecord a = record("a", T0, "team", "gemini-2.5-flash", 10, 20, 100, 200);
        UsageRecord b = record("b", T0.plusSeconds(1), "team", "gemini-2.5-flash", 10, 20, 250, 200);
        assertThat(usage.insert(List.of(a))).hasSize(1);
        assertThat(usage.insert(List.of(a, b))).containsExactly(b);
        assertThat(usage.find(all(), Optional.empty(), 10).records()).hasSize(2);
        long today = T0.toEpochMilli() / 86_400_000L;
        assertThat(usage.spendSince(today)).containsEntry("id-team", 350L);
    }

    @Test
    void spendIsKeptPerDaySoEveryPeriodCanBeSummed() {
        usage.insert(List.of(
                record("d1", T0.minus(Duration.ofDays(2)), "team", "m", 1, 1, 1_000, 200),
                record("d2", T0.minus(Duration.ofDays(1)), "team", "m", 1, 1, 2_000, 200),
                record("d3", T0, "team", "m", 1, 1, 4_000, 200),
                record("o1", T0, "other", "m", 1, 1, 8_000, 200)));
        long today = T0.toEpochMilli() / 86_400_000L;
        assertThat(usage.spendSince(today)).containsEntry("id-team", 4_000L).containsEntry("id-other", 8_000L);
        assertThat(usage.spendSince(today - 1)).containsEntry("id-team", 6_000L);
        assertThat(usage.spendSince(0)).containsEntry("id-team", 7_000L);
    }

    @Test
    void findFiltersByTokenModelAndTimeAndPagesNewestFirst() {
        List<UsageRecord> batch = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            batch.add(record(String.format("r%02d", i), T0.plusSeconds(i / 2), i % 2 == 0 ? "even" : "odd",
                    i % 3 == 0 ? "gemini-2.5-pro" : "gemini-2.5-flash", i, i, i, 200));
        }
        usage.insert(batch);
        List<String> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            UsagePage page = usage.find(all(), cursor, 10);
            page.records().forEach(r -> seen.add(r.requestId()));
            cursor = page.next();
        } while (cursor.isPresent());
        assertThat(seen).hasSize(25).doesNotHaveDuplicates();
        assertThat(seen.get(0)).isEqualTo("r24");
        assertThat(seen.get(24)).isEqualTo("r00");

        UsageQuery even = new UsageQuery(Instant.EPOCH, T0.plusSeconds(100), Optional.of("even"), Optional.empty());
        assertThat(usage.find(even, Optional.empty(), 100).records()).hasSize(13)
                .allMatch(r -> r.tokenName().orElseThrow().equals("even"));
        UsageQuery pro = new UsageQuery(T0.plusSeconds(2), T0.plusSeconds(6), Optional.empty(),
                Optional.of("gemini-2.5-pro"));
        assertThat(usage.find(pro, Optional.empty(), 100).records()).extracting(UsageRecord::requestId)
                .containsExactly("r09", "r06");
        assertThatThrownBy(() -> usage.find(all(), Optional.of("not-a-cursor!"), 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void summariesAddUpPerGroupAndPerHourOrDayWithTotals() {
        usage.insert(List.of(
                record("1", T0, "team", "gemini-2.5-pro", 100, 10, 1_000, 200),
                record("2", T0.plus(Duration.ofMinutes(10)), "team", "gemini-2.5-flash", 200, 20, 2_000, 200),
                record("3", T0.plus(Duration.ofHours(1)), "team", "gemini-2.5-pro", 300, 30, 3_000, 200),
                record("4", T0.plus(Duration.ofDays(1)), "ops", "gemini-2.5-pro", 400, 40, 4_000, 429)));
        UsageSummary byToken = usage.summarize(all(), UsageSummary.GroupBy.TOKEN, Optional.empty());
        assertThat(byToken.rows()).extracting(UsageSummary.Row::key).containsExactly("ops", "team");
        assertThat(byToken.rows().get(1).totals()).isEqualTo(new UsageSummary.Totals(3, 0, 600, 60, 9, 3, 6_000));
        assertThat(byToken.totals()).isEqualTo(new UsageSummary.Totals(4, 1, 1000, 100, 12, 4, 10_000));

        UsageSummary hourly = usage.summarize(all(), UsageSummary.GroupBy.MODEL, Optional.of(UsageSummary.Period.HOUR));
        assertThat(hourly.rows()).hasSize(4);
        assertThat(hourly.rows().get(0).period()).contains(Instant.parse("2026-03-10T10:00:00Z"));
        assertThat(hourly.rows().get(0).key()).isEqualTo("gemini-2.5-flash");

        UsageSummary daily = usage.summarize(all(), UsageSummary.GroupBy.NONE, Optional.of(UsageSummary.Period.DAY));
        assertThat(daily.rows()).extracting(r -> r.period().orElseThrow()).containsExactly(
                Instant.parse("2026-03-10T00:00:00Z"), Instant.parse("2026-03-11T00:00:00Z"));
        assertThat(daily.rows().get(0).totals().requests()).isEqualTo(3);
        assertThat(daily.totals().costMicros()).isEqualTo(10_000);
    }

    @Test
    void tokensAreUpdatedAndTheChangeIsSeenByTheMirror() {
        TokenStore tokens = new TokenStore(database, clock);
        IssuedToken issued = tokens.create(NewToken.named("team"));
        clock.advance(Duration.ofSeconds(5));
        Token updated = tokens.update("team", new TokenChanges(Optional.of(Optional.of(T0.plus(Duration.ofDays(30)))),
                Optional.of(new ModelAllowlist(List.of("gemini-2.5-*"))), Optional.of(List.of(CidrBlock.parse(
                "10.0.0.0/8"))), Optional.of(Optional.of(60)), Optional.of(Optional.of(100_000)),
                Optional.of(Optional.of(4)), Optional.of(Optional.of(25_000_000L)),
                Optional.of(Optional.of(BudgetPeriod.MONTHLY)))).orElseThrow();
        assertThat(updated.updatedAt()).isEqualTo(T0.plusSeconds(5));
        Token read = tokens.byName("team").orElseThrow();
        assertThat(read).usingRecursiveComparison().isEqualTo(updated); // CidrBlock holds a byte[]
        assertThat(read.limits()).isEqualTo(new TokenLimits(Optional.of(60), Optional.of(100_000), Optional.of(4),
                Optional.of(25_000_000L), Optional.of(BudgetPeriod.MONTHLY)));
        ChangedTokens all = tokens.changedAfter(-1);
        assertThat(all.tokens()).extracting(Token::id).containsExactly(issued.token().id());
        assertThat(tokens.changedAfter(all.through()).tokens()).isEmpty();

        Token cleared = tokens.update("team", new TokenChanges(Optional.empty(), Optional.of(ModelAllowlist.ANY),
                Optional.empty(), Optional.of(Optional.empty()), Optional.empty(), Optional.empty(),
                Optional.of(Optional.empty()), Optional.of(Optional.empty()))).orElseThrow();
        assertThat(cleared.limits().requestsPerMinute()).isEmpty();
        assertThat(cleared.limits().tokensPerMinute()).contains(100_000);
        assertThat(cleared.limits().budgetMicros()).isEmpty();
        assertThat(tokens.byName("team").orElseThrow()).usingRecursiveComparison().isEqualTo(cleared);
        assertThat(tokens.update("nobody", TokenChanges.NONE)).isEmpty();
    }

    @Test
    void aRevocationIsSeenByEveryInstanceWhateverTheirClocks() {
        // Two instances on one database: "late" runs an hour behind "early".
        MutableClock early = new MutableClock(T0.plus(Duration.ofHours(1)));
        MutableClock late = new MutableClock(T0);
        TokenStore onEarly = new TokenStore(database, early);
        TokenStore onLate = new TokenStore(database, late);
        TokenRegistry mirrorOfEarly = new TokenRegistry(onEarly, early);
        TokenRegistry mirrorOfLate = new TokenRegistry(onLate, late);

        String secret = onEarly.create(NewToken.named("team")).secret();
        early.advance(Duration.ofMinutes(1));
        onEarly.update("team", new TokenChanges(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(Optional.of(60)), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        mirrorOfEarly.refresh();
        mirrorOfLate.refresh();
        assertThat(mirrorOfEarly.authenticate(secret).limits().requestsPerMinute()).contains(60);
        assertThat(mirrorOfLate.authenticate(secret).name()).isEqualTo("team");

        // The instance behind revokes it: its clock dates the change an hour before the last one seen.
        late.advance(Duration.ofSeconds(1));
        assertThat(onLate.revoke("team")).isTrue();
        String other = onLate.create(NewToken.named("newcomer")).secret();
        mirrorOfEarly.refresh();
        mirrorOfLate.refresh();
        for (TokenRegistry mirror : List.of(mirrorOfEarly, mirrorOfLate)) {
            assertThatThrownBy(() -> mirror.authenticate(secret)).isInstanceOfSatisfying(GatewayException.class,
                    e -> assertThat(e.error().code()).contains("token_revoked"));
            assertThat(mirror.authenticate(other).name()).isEqualTo("newcomer");
        }
        // A mirror started later sees the table as it is.
        TokenRegistry fresh = new TokenRegistry(onEarly, early);
        fresh.refresh();
        assertThat(fresh.size()).isEqualTo(2);
        assertThatThrownBy(() -> fresh.authenticate(secret)).isInstanceOf(GatewayException.class);
    }

    @Test
    void tokenChangesAreNumberedInTheOrderTheyCommitEvenWhenWritersRace() throws Exception {
        TokenStore tokens = new TokenStore(database, clock);
        TokenRegistry mirror = new TokenRegistry(tokens, clock);
        List<String> secrets = java.util.Collections.synchronizedList(new ArrayList<>());
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            List<java.util.concurrent.Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String name = "racer-" + i;
                writes.add(pool.submit(() -> secrets.add(tokens.create(NewToken.named(name)).secret())));
                if (i % 5 == 0) {
                    writes.add(pool.submit(mirror::refresh)); // reads while others write
                }
            }
            for (var w : writes) {
                w.get();
            }
        }
        mirror.refresh();
        assertThat(mirror.size()).isEqualTo(20);
        secrets.forEach(s -> assertThat(mirror.authenticate(s).name()).startsWith("racer-"));
        ChangedTokens all = tokens.changedAfter(-1);
        assertThat(all.tokens()).hasSize(20);
        assertThat(tokens.changedAfter(all.through() - 1).tokens()).hasSize(1);
    }

    @Test
    void theAuditLogKeepsWhoDidWhatWhen() {
        JdbcAuditLog audit = new JdbcAuditLog(database, clock);
        audit.record("admin-api@127.0.0.1", "token.create", Optional.of("team"), "{\"rpm\":60}");
        clock.advance(Duration.ofMinutes(1));
        audit.record("cli:root", "token.revoke", Optional.of("team"), "{}");
        List<AuditEntry> entries = audit.since(T0, 10);
        assertThat(entries).extracting(AuditEntry::action).containsExactly("token.create", "token.revoke");
        assertThat(entries.get(0).actor()).isEqualTo("admin-api@127.0.0.1");
        assertThat(entries.get(0).time()).isEqualTo(T0);
        assertThat(entries.get(0).details()).isEqualTo("{\"rpm\":60}");
        assertThat(audit.since(T0.plusSeconds(1), 10)).hasSize(1);
    }
}
