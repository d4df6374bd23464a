package dev.junction.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.store.Database;
import dev.junction.gateway.testing.GatewayProcess;
import dev.junction.gateway.testing.TestDatabases;
import dev.junction.gateway.usage.JdbcUsageStore;
import dev.junction.gateway.usage.UsageQuery;
import dev.junction.gateway.usage.UsageRecord;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real gateway as its own process (built-in mock upstream, SQLite), stopped under 100
 * concurrent clients: by SIGTERM, which must leave a record of every request that got its
 * answer, and by SIGKILL right after answers, which must too once the gateway has started again
 * (the usage journal is replayed).
 */
class UsageKillTest {
    static final String ADMIN = "admin-token-kill-test-0123456789";
    static final int CLIENTS = 100;

    @TempDir
    Path dir;

    Path config(String storageYaml) throws IOException {
        Path file = dir.resolve("junction.yaml");
        Files.writeString(file, """
                server:
                  port: 0
                data_dir: "%s"
                admin_token: %s
                %s
                usage:
                  drain_timeout: 30s
                upstreams:
                  - name: mock
                    type: mock
                """.formatted(dir.resolve("data"), ADMIN, storageYaml));
        return file;
    }

    static Set<String> storedIds(Database database) {
        return new JdbcUsageStore(database).find(new UsageQuery(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"),
                Optional.empty(), Optional.empty()), Optional.empty(), 1_000_000).records().stream()
                .map(UsageRecord::requestId).collect(Collectors.toSet());
    }

    Set<String> storedIds() {
        try (Database database = Database.open(TestDatabases.sqlite(dir.resolve("data")))) {
            return storedIds(database);
        }
    }

    static long journalSegments(Path dataDir) throws IOException {
        Path journal = dataDir.resolve("usage-journal");
        if (!Files.exists(journal)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(journal)) {
            return files.count();
        }
    }

    @Test
    void sigtermUnderOneHundredConcurrentRequestsLosesNoRecordOfARequestThatGotAnAnswer() throws Exception {
        Path file = config("");
        Set<String> answered;
        try (GatewayProcess junction = GatewayProcess.start(file); HttpClient http = HttpClient.newHttpClient()) {
            String token = junction.issue(http, ADMIN, "sigterm");
            try (AnsweredRequests load = new AnsweredRequests(junction.uri("/v1/chat/completions"), token, CLIENTS)) {
                load.awaitAnswers(500);
                assertThat(junction.terminate(Duration.ofSeconds(60))).as("the exit of a stop by SIGTERM").isIn(0, 143);
                answered = load.answered(); // all answers came before the exit
            }
        }
        Set<String> stored = storedIds();
        assertThat(answered).hasSizeGreaterThanOrEqualTo(500);
        Set<String> missing = new HashSet<>(answered);
        missing.removeAll(stored);
        assertThat(missing).as("answered requests without a record").isEmpty();
        assertThat(journalSegments(dir.resolve("data"))).as("a clean stop leaves nothing in the journal").isZero();
    }

    @Test
    void sigkillRightAfterAnswersLosesNothingThatWasAnswered() throws Exception {
        Path file = config("");
        Set<String> answered;
        try (GatewayProcess junction = GatewayProcess.start(file); HttpClient http = HttpClient.newHttpClient()) {
            String token = junction.issue(http, ADMIN, "sigkill");
            try (AnsweredRequests load = new AnsweredRequests(junction.uri("/v1/chat/completions"), token, CLIENTS)) {
                load.onAnswer(500, junction::sendKill); // the moment the 500th answer arrived
                load.awaitAnswers(500);
                junction.kill();
                answered = load.answered(); // nothing can be answered after the kill
            }
        }
        Set<String> missingAtKill = new HashSet<>(answered);
        missingAtKill.removeAll(storedIds());
        assertThat(journalSegments(dir.resolve("data"))).as("the killed process left its journal").isPositive();

        try (GatewayProcess again = GatewayProcess.start(file)) {
            if (!missingAtKill.isEmpty()) {
                System.out.println(again.awaitLine("left by an earlier run", Duration.ofSeconds(5)));
            }
            assertThat(again.terminate(Duration.ofSeconds(60))).isIn(0, 143);
        }
        Set<String> missing = new HashSet<>(answered);
        missing.removeAll(storedIds());
        System.out.printf("SIGKILL after %d answers: %d were not in the database at the kill; %d missing after the "
                + "restart%n", answered.size(), missingAtKill.size(), missing.size());
        assertThat(missing).as("answered requests without a record after the restart").isEmpty();
        assertThat(journalSegments(dir.resolve("data"))).isZero();
    }
}
