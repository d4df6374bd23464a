package dev.junction.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.access.BudgetPeriod;
import dev.junction.gateway.access.ModelAllowlist;
import dev.junction.gateway.access.NewToken;
import dev.junction.gateway.access.TokenLimits;
import dev.junction.gateway.testing.FakeGemini;
import dev.junction.gateway.testing.MutableClock;
import dev.junction.gateway.testing.OpsGateway;
import dev.junction.gateway.testing.TestDatabases;
import dev.junction.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Limits counted in a Redis that the test takes away and gives back, through a TCP line of its
 * own in front of 127.0.0.1:6379 (or {@code JUNCTION_TEST_REDIS}): cut (connections closed,
 * new ones refused) or blackholed (connections stay open, nothing gets through). Every request
 * must be answered in well under a second while Redis is gone, as {@code limits.on_redis_failure}
 * says, with one warning in the log and no error per request; and once Redis is back its limits
 * hold again.
 */
@Tag("redis")
class RedisDownTest {
    static final URI REDIS = URI.create(Optional.ofNullable(System.getenv("JUNCTION_TEST_REDIS"))
            .orElse("redis://127.0.0.1:6379"));
    static final String MODEL = "gemini-2.5-flash";

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T12:00:00Z"));
    final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    FakeGemini upstream;
    RedisLine line;
    OpsGateway junction;

    @BeforeEach
    void start() throws IOException {
        upstream = new FakeGemini();
        line = new RedisLine(REDIS.getHost(), REDIS.getPort());
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stop() {
        Logger.getLogger("").removeHandler(capture);
        if (junction != null) {
            junction.close();
        }
        line.close();
        upstream.close();
    }

    private void startGateway(String policy) {
        junction = OpsGateway.start(dir, TestDatabases.sqlite(dir), upstream, clock, """
                limits:
                  redis_url: "redis://127.0.0.1:%d"
                  redis_key_prefix: "jt-limits-budgets-%s"
                  on_redis_failure: %s
                """.formatted(line.port(), UUID.randomUUID(), policy));
    }

    /** A token with every limit Redis counts: 5 requests a minute, 10 at once, $1 a day. */
    private String limitedToken() {
        return junction.token(new NewToken("limited", Optional.empty(), ModelAllowlist.ANY, List.of(),
                new TokenLimits(Optional.of(5), Optional.of(1_000_000), Optional.of(10), Optional.of(1_000_000L),
                        Optional.of(BudgetPeriod.DAILY)))).secret();
    }

    @Test
    void withRedisCutEveryRequestIsServedInWellUnderASecondAndLimitsHoldOnceItIsBack() {
        startGateway("allow");
        String secret = limitedToken();
        assertThat(junction.generate(secret, MODEL).statusCode()).isEqualTo(200);
        assertThat(junction.generate(secret, MODEL).statusCode()).isEqualTo(200); // 3 of 5 left in the minute

        line.cut();
        int before = logged.size();
        for (int i = 0; i < 20; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = junction.generate(secret, MODEL);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(millis).as("request %d while Redis is cut took %d ms", i, millis).isLessThan(500);
        }
        assertOneWarningAndNoError(since(before));

        line.restore();
        assertThat(limitsHoldAgain(secret)).as("the request-per-minute limit holds once Redis is back").isTrue();
    }

    @Test
    void withRedisBlackholedEveryRequestIsServedInWellUnderASecondAndLimitsHoldOnceItIsBack() {
        startGateway("allow");
        String secret = limitedToken();
        assertThat(junction.generate(secret, MODEL).statusCode()).isEqualTo(200);

        line.blackhole();
        int before = logged.size();
        String tokenId = junction.gateway.tokens().byName("limited").orElseThrow().id();
        long slowest = 0;
        for (int i = 0; i < 20; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = junction.generate(secret, MODEL);
            long millis = (System.nanoTime() - start) / 1_000_000;
            slowest = Math.max(slowest, millis);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(millis).as("request %d while Redis is silent took %d ms", i, millis).isLessThan(700);
        }
        // Only the calls before the breaker opened waited for the timeout (100 ms each).
        assertThat(slowest).isLessThan(700);
        assertOneWarningAndNoError(since(before));

        line.restore();
        assertThat(limitsHoldAgain(secret)).as("the request-per-minute limit holds once Redis is back").isTrue();
        // What timed out reached Redis once the line healed: no concurrency slot it took is left held.
        LimitBackends limits = junction.gateway.operators().limits();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while ((limits.guard().pendingSteps() > 0 || limits.concurrency().inFlight(tokenId) > 0)
                && System.nanoTime() < deadline) {
            junction.generate(secret, MODEL); // each answered call runs a few of the steps kept meanwhile
            OpsGateway.sleep(50);
        }
        assertThat(limits.guard().pendingSteps()).isZero();
        assertThat(limits.concurrency().inFlight(tokenId)).as("slots left held after the outage").isZero();
    }

    @Test
    void withOnRedisFailureDenyARequestIsRefusedAtOnceWith503InTheDoorsShape() throws Exception {
        startGateway("deny");
        String secret = limitedToken();
        assertThat(junction.generate(secret, MODEL).statusCode()).isEqualTo(200);

        line.cut();
        int before = logged.size();
        for (int i = 0; i < 10; i++) {
            long start = System.nanoTime();
            HttpResponse<String> gemini = junction.generate(secret, MODEL);
            HttpResponse<String> openai = junction.chat(secret, MODEL);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(millis).as("two requests while Redis is cut took %d ms", millis).isLessThan(800);

            assertThat(gemini.statusCode()).as(gemini.body()).isEqualTo(503);
            var google = Json.MAPPER.readTree(gemini.body()).path("error");
            assertThat(google.path("code").asInt()).isEqualTo(503);
            assertThat(google.path("status").asText()).isEqualTo("UNAVAILABLE");
            assertThat(google.path("message").asText()).contains("limit");
            assertThat(gemini.headers().firstValue("Retry-After")).isPresent();

            assertThat(openai.statusCode()).as(openai.body()).isEqualTo(503);
            var error = Json.MAPPER.readTree(openai.body()).path("error");
            assertThat(error.path("code").asText()).isEqualTo("limits_unavailable");
            assertThat(error.path("message").asText()).contains("limit");
        }
        assertThat(upstream.calls.get()).as("no request went upstream unlimited").isEqualTo(1);
        assertOneWarningAndNoError(since(before));

        line.restore();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int status = 0;
        while (System.nanoTime() < deadline && status != 200) {
            status = junction.generate(secret, MODEL).statusCode();
            OpsGateway.sleep(100);
        }
        assertThat(status).as("served again once Redis is back").isEqualTo(200);
    }

    private List<LogRecord> since(int index) {
        List<LogRecord> all = List.copyOf(logged);
        return all.subList(index, all.size());
    }

    /** One warning from the limits for the whole outage, and no error at all. */
    private static void assertOneWarningAndNoError(List<LogRecord> records) {
        assertThat(records).filteredOn(r -> r.getLevel().intValue() >= Level.SEVERE.intValue())
                .extracting(r -> r.getLoggerName() + ": " + r.getMessage()).isEmpty();
        assertThat(records).filteredOn(r -> FailOpen.class.getName().equals(r.getLoggerName()))
                .as("%s", records.stream().map(r -> r.getLoggerName() + " " + r.getLevel() + " " + r.getMessage()).toList())
                .extracting(LogRecord::getLevel).containsExactly(Level.WARNING);
    }

    /**
     * Whether the token's 5 requests a minute are counted again: the bucket had 3 left before the
     * outage (the clock does not move, so it never refills), so a 429 must come once Redis answers.
     */
    private boolean limitsHoldAgain(String secret) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = junction.generate(secret, MODEL);
            if (response.statusCode() == 429) {
                assertThat(response.body()).contains("requests per minute");
                return true;
            }
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            OpsGateway.sleep(100);
        }
        return false;
    }

    /**
     * A TCP line to Redis that the test controls: {@link #cut} closes every connection and
     * refuses new ones; {@link #blackhole} keeps connections open but lets nothing through (as a
     * partitioned network does: what was sent is delivered once it heals); {@link #restore}
     * heals either.
     */
    static final class RedisLine implements AutoCloseable {
        private final String host;
        private final int targetPort;
        private final int port;
        private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
        private final Object gate = new Object();
        private volatile boolean silent;
        private volatile ServerSocket listener;

        RedisLine(String host, int targetPort) throws IOException {
            this.host = host;
            this.targetPort = targetPort;
            ServerSocket first = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            this.port = first.getLocalPort();
            listen(first);
        }

        int port() {
            return port;
        }

        private void listen(ServerSocket server) {
            listener = server;
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        sockets.add(client);
                        Thread.ofVirtual().start(() -> connect(client));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        private void connect(Socket client) {
            try {
                awaitOpen();
                Socket redis = new Socket(host, targetPort);
                sockets.add(redis);
                pipe(client, redis);
                pipe(redis, client);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }

        private void pipe(Socket from, Socket to) {
            Thread.ofVirtual().start(() -> {
                byte[] buffer = new byte[16384];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        awaitOpen();
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                } catch (IOException e) {
                    // one side went away: close both
                } finally {
                    closeQuietly(from);
                    closeQuietly(to);
                }
            });
        }

        private void awaitOpen() throws IOException {
            synchronized (gate) {
                while (silent) {
                    try {
                        gate.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted");
                    }
                }
            }
        }

        void cut() {
            closeQuietly(listener);
            sockets.forEach(RedisLine::closeQuietly);
            sockets.clear();
        }

        void blackhole() {
            silent = true;
        }

        void restore() {
            synchronized (gate) {
                silent = false;
                gate.notifyAll();
            }
            if (listener.isClosed()) {
                try {
                    ServerSocket server = new ServerSocket();
                    server.setReuseAddress(true);
                    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
                    listen(server);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot listen again on port " + port, e);
                }
            }
        }

        private static void closeQuietly(AutoCloseable c) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // already closed
            }
        }

        @Override
        public void close() {
            restore();
            cut();
        }
    }
}
