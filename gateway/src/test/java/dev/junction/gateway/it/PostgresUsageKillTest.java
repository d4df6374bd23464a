package dev.junction.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.store.Database;
import dev.junction.gateway.testing.GatewayProcess;
import dev.junction.gateway.testing.TcpProxy;
import dev.junction.gateway.testing.TestDatabases;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real gateway as its own process (built-in mock upstream) on the PostgreSQL at
 * 127.0.0.1:5432, in a schema of its own, reached through a TCP proxy the test cuts and
 * restores: a database unreachable for 10 s under 100 concurrent clients loses no record once it
 * is back, and neither does a SIGKILL while it is unreachable (every answer of the outage is in
 * the journal only, and the next start writes them).
 */
@Tag("postgres")
class PostgresUsageKillTest {
    static final int CLIENTS = 100;

    @TempDir
    Path dir;

    String schema;
    TcpProxy proxy;

    @BeforeEach
    void createSchema() throws Exception {
        schema = "usage_kill_" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        exec("CREATE SCHEMA " + schema);
        URI target = URI.create(TestDatabases.POSTGRES.substring("jdbc:".length()));
        proxy = new TcpProxy(target.getHost(), target.getPort() < 0 ? 5432 : target.getPort());
    }

    @AfterEach
    void dropSchema() throws Exception {
        proxy.close();
        exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private static void exec(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(TestDatabases.POSTGRES); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private Path config() throws IOException {
        URI target = URI.create(TestDatabases.POSTGRES.substring("jdbc:".length()));
        String viaProxy = "jdbc:postgresql://127.0.0.1:" + proxy.port() + target.getRawPath()
                + (target.getRawQuery() == null ? "?" : "?" + target.getRawQuery() + "&") + "currentSchema=" + schema;
        Path file = dir.resolve("junction.yaml");
        Files.writeString(file, """
                server:
                  port: 0
                data_dir: "%s"
                admin_token: %s
                storage:
                  url: "%s"
                usage:
                  drain_timeout: 30s
                upstreams:
                  - name: mock
                    type: mock
                """.formatted(dir.resolve("data"), UsageKillTest.ADMIN, viaProxy));
        return file;
    }

    private Set<String> storedIds() {
        try (Database database = Database.open(TestDatabases.postgres(schema))) {
            return UsageKillTest.storedIds(database);
        }
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> d = new HashSet<>(a);
        d.removeAll(b);
        return d;
    }

    @Test
    void postgresUnreachableForTenSecondsLosesNoRecordOnceItIsBack() throws Exception {
        Path file = config();
        Set<String> answered;
        int duringOutage;
        try (GatewayProcess junction = GatewayProcess.start(file); HttpClient http = HttpClient.newHttpClient()) {
            String token = junction.issue(http, UsageKillTest.ADMIN, "outage");
            try (AnsweredRequests load = new AnsweredRequests(junction.uri("/v1/chat/completions"), token, CLIENTS)) {
                load.awaitAnswers(200);
                int before = load.count();
                proxy.cut();
                Thread.sleep(10_000);
                duringOutage = load.count() - before;
                proxy.restore();
                load.awaitAnswers(load.count() + 100);
                assertThat(junction.terminate(Duration.ofSeconds(60))).isIn(0, 143);
                answered = load.answered();
            }
            assertThat(junction.log()).anyMatch(l -> l.contains("cannot write usage records, will retry"));
        }
        assertThat(duringOutage).as("answers while the database was unreachable").isGreaterThan(100);
        assertThat(minus(answered, storedIds())).as("answered requests without a record").isEmpty();
        assertThat(UsageKillTest.journalSegments(dir.resolve("data"))).isZero();
    }

    @Test
    void sigkillWhileThePostgresIsUnreachableLosesNothingOnceItIsBack() throws Exception {
        Path file = config();
        Set<String> answered;
        try (GatewayProcess junction = GatewayProcess.start(file); HttpClient http = HttpClient.newHttpClient()) {
            String token = junction.issue(http, UsageKillTest.ADMIN, "outage-kill");
            try (AnsweredRequests load = new AnsweredRequests(junction.uri("/v1/chat/completions"), token, CLIENTS)) {
                load.awaitAnswers(100);
                proxy.cut();
                int target = load.count() + 300;
                load.onAnswer(target, junction::sendKill);
                load.awaitAnswers(target);
                junction.kill();
                answered = load.answered();
            }
        }
        proxy.restore();
        Set<String> missingAtKill = minus(answered, storedIds());
        assertThat(missingAtKill).as("the answers of the outage reached the journal only").hasSizeGreaterThan(250);

        try (GatewayProcess again = GatewayProcess.start(file)) {
            String line = again.awaitLine("left by an earlier run", Duration.ofSeconds(5));
            System.out.println(line);
            assertThat(again.terminate(Duration.ofSeconds(60))).isIn(0, 143);
        }
        assertThat(minus(answered, storedIds())).as("answered requests without a record after the restart").isEmpty();
        assertThat(UsageKillTest.journalSegments(dir.resolve("data"))).isZero();
    }
}
