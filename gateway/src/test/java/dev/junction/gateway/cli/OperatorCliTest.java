package dev.junction.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.access.Token;
import dev.junction.gateway.access.TokenStore;
import dev.junction.gateway.audit.AuditEntry;
import dev.junction.gateway.audit.JdbcAuditLog;
import dev.junction.gateway.store.StorageSettings;
import dev.junction.gateway.store.Database;
import dev.junction.gateway.testing.TestDatabases;
import dev.junction.gateway.usage.JdbcUsageStore;
import dev.junction.gateway.usage.UsageRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorCliTest {
    @TempDir
    Path dir;

    private String run(String... args) throws Exception {
        Path file = dir.resolve("junction.yaml");
        if (!Files.exists(file)) {
            Files.writeString(file, "data_dir: \"" + dir + "\"\n");
        }
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            String[] all = new String[args.length + 2];
            System.arraycopy(args, 0, all, 0, args.length);
            all[args.length] = "-c";
            all[args.length + 1] = file.toString();
            int code = Main.run(all);
            assertThat(code).as("exit code of %s: %s", String.join(" ", args), out).isZero();
        } finally {
            System.setOut(saved);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void keysAreCreatedUpdatedListedAndRevokedAndAudited() throws Exception {
        assertThat(run("keys", "create", "--name", "team", "--rpm", "5")).contains("Created token 'team'");
        assertThat(run("keys", "update", "team", "--rpm", "none", "--tpm", "1000", "--budget-usd", "2.5",
                "--budget-period", "daily", "--models", "gemini-2.5-*")).contains("tpm=1000")
                .contains("budget=$2.50/daily").doesNotContain("rpm=");
        assertThat(run("keys", "list")).contains("team").contains("models=gemini-2.5-* tpm=1000 budget=$2.50/daily");
        assertThat(run("keys", "revoke", "team")).contains("Revoked");
        try (Database database = Database.open(TestDatabases.sqlite(dir))) {
            Token token = new TokenStore(database, Clock.systemUTC()).byName("team").orElseThrow();
            assertThat(token.limits().budgetMicros()).contains(2_500_000L);
            List<AuditEntry> audit = new JdbcAuditLog(database, Clock.systemUTC()).since(Instant.EPOCH, 10);
            assertThat(audit).extracting(AuditEntry::action).containsExactly("token.create", "token.update",
                    "token.revoke");
            assertThat(audit.get(0).actor()).startsWith("cli:");
            assertThat(audit.get(1).details()).contains("\"tpm\":\"1000\"");
        }
    }

    @Test
    void usageIsPrintedAsATableWithTotals() throws Exception {
        StorageSettings storage = TestDatabases.sqlite(dir);
        try (Database database = Database.open(storage)) {
            Instant t = Instant.parse("2026-03-02T10:00:00Z");
            new JdbcUsageStore(database).insert(List.of(
                    record("a", t, "team", "gemini-2.5-pro", 1_250),
                    record("b", t.plusSeconds(3600), "team", "gemini-2.5-flash", 300),
                    record("c", t.plusSeconds(86_400), "ops", "gemini-2.5-flash", 300)));
        }
        String byModel = run("usage", "--by", "model", "--since", "2026-03-01", "--until", "2026-03-05");
        assertThat(byModel).contains("gemini-2.5-flash").contains("gemini-2.5-pro").contains("COST_USD");
        assertThat(byModel.lines().filter(l -> l.startsWith("TOTAL")).findFirst().orElseThrow())
                .contains(" 3 ").contains("0.00185");
        String daily = run("usage", "--by", "token", "--per", "day", "--since", "2026-03-01", "--until", "2026-03-05");
        assertThat(daily).contains("2026-03-02 00:00").contains("2026-03-03 00:00").contains("team").contains("ops");
    }

    static UsageRecord record(String id, Instant at, String token, String model, long cost) {
        return new UsageRecord(at, id, Optional.of("id-" + token), Optional.of(token), model, model, "gemini", "gemini",
                "generateContent", false, 100, 10, 0, 0, false, cost, 100, Optional.empty(), 200, Optional.empty(),
                false);
    }
}
