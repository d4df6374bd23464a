package dev.junction.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.junction.gateway.testing.RawHttp;
import dev.junction.gateway.testing.TestGateway;
import dev.junction.protocol.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every phase of a connection is bounded: an idle keep-alive connection, headers sent a byte at
 * a time, a body that stalls, and a stream whose client stopped reading are all closed after the
 * configured time (300 ms here), over raw sockets as a hostile client would hold them.
 */
class ServerTimeoutsTest {
    private static final String TIMEOUTS = """
            idle_timeout: 300ms
            header_timeout: 300ms
            body_timeout: 300ms
            write_stall_timeout: 300ms
            """;

    @TempDir
    static Path dir;

    static TestGateway junction;
    static String token;
    static HttpServer endless;
    static final AtomicLong endlessBytes = new AtomicLong();
    static final AtomicBoolean endlessStopped = new AtomicBoolean();

    @BeforeAll
    static void start() throws IOException {
        endless = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endless.setExecutor(Executors.newCachedThreadPool());
        endless.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            String text = "x".repeat(16 * 1024);
            byte[] event = ("data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"" + text
                    + "\"}]}}]}\r\n\r\n").getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = exchange.getResponseBody()) {
                while (endlessBytes.get() < 512L * 1024 * 1024) {
                    out.write(event);
                    out.flush();
                    endlessBytes.addAndGet(event.length);
                }
            } catch (IOException e) {
                endlessStopped.set(true); // Junction hung up on us: what the write-stall test waits for
            }
        });
        endless.start();
        String endlessUrl = "http://127.0.0.1:" + endless.getAddress().getPort();
        junction = TestGateway.start(dir, mockUrl -> """
                server:
                  port: 0
                %s
                data_dir: %s
                upstreams:
                  - name: gemini
                    base_url: %s
                    api_keys: [%s]
                    models: ["gemini-*"]
                  - name: endless
                    base_url: %s
                    api_keys: [endless-key]
                    models: ["endless-*"]
                """.formatted(TIMEOUTS.indent(2).stripTrailing(), dir.resolve("data"), mockUrl,
                TestGateway.UPSTREAM_KEY, endlessUrl));
        token = junction.issue("timeouts");
    }

    @AfterAll
    static void stop() {
        junction.close();
        endless.stop(0);
    }

    private static int port() {
        return junction.gateway().port();
    }

    @Test
    void idleKeepAliveConnectionIsClosedAfterIdleTimeout() {
        try (RawHttp client = RawHttp.connect(port())) {
            assertThat(client.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").read().status()).isEqualTo(200);
            assertThat(client.closedWithin(100)).as("still open right after the answer").isFalse();
            // A second request on the kept-alive connection restarts nothing early.
            assertThat(client.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").read().status()).isEqualTo(200);
            long start = System.nanoTime();
            assertThat(client.closedWithin(3000)).isTrue();
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(150L, 2000L);
        }
        try (RawHttp silent = RawHttp.connect(port())) {
            assertThat(silent.closedWithin(3000)).as("a connection that never sends a byte").isTrue();
        }
    }

    @Test
    void slowHeadersAreClosedAfterHeaderTimeout() throws Exception {
        try (RawHttp client = RawHttp.connect(port())) {
            client.send("GET /v1/models HTTP/1.1\r\n");
            long start = System.nanoTime();
            String trickle = "Authorization: Bearer " + token + "\r\n";
            int sent = 0;
            // One byte every 50 ms: each byte alone would reset an idle timer, never the header deadline.
            while (sent < trickle.length() && client.trySend(trickle.substring(sent, sent + 1))) {
                sent++;
                Thread.sleep(50);
                if ((System.nanoTime() - start) / 1_000_000 > 600) {
                    break;
                }
            }
            RawHttp.Answer answer = client.read();
            assertThat(answer.status()).isEqualTo(408);
            assertThat(Json.MAPPER.readTree(answer.body()).path("error").path("code").asText())
                    .isEqualTo("request_timeout");
            assertThat(client.closedWithin(2000)).isTrue();
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2000);
        }
    }

    @Test
    void stalledBodyIsClosedAfterBodyTimeout() throws Exception {
        try (RawHttp client = RawHttp.connect(port())) {
            long start = System.nanoTime();
            client.send("POST /v1beta/models/gemini-2.5-flash:generateContent HTTP/1.1\r\nHost: x\r\nx-goog-api-key: "
                    + token + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"contents\":");
            RawHttp.Answer answer = client.read();
            assertThat(answer.status()).isEqualTo(408);
            // The Gemini door's shape, since the path is the Gemini door's.
            assertThat(Json.MAPPER.readTree(answer.body()).path("error").path("status").asText())
                    .isEqualTo("DEADLINE_EXCEEDED");
            assertThat(client.closedWithin(2000)).isTrue();
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(250L, 2500L);
        }
    }

    @Test
    void slowBodyTrickleIsClosedAfterBodyTimeout() throws Exception {
        try (RawHttp client = RawHttp.connect(port())) {
            long start = System.nanoTime();
            client.send("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n");
            for (int i = 0; i < 20 && client.trySend(" "); i++) {
                Thread.sleep(50);
            }
            assertThat(client.read().status()).isEqualTo(408);
            assertThat(client.closedWithin(2000)).isTrue();
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2500);
        }
    }

    @Test
    void aStrayCrlfAfterABodyDoesNotStartTheHeaderTimeoutOfASlowAnswer() throws Exception {
        String body = "{\"model\":\"gemini-2.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"slow mock:delay-ms=900\"}]}";
        try (RawHttp client = RawHttp.connect(port())) {
            client.send("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
            Thread.sleep(100);
            client.send("\r\n"); // as some clients do after a body, in a packet of its own
            RawHttp.Answer answer = client.read();
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        }
    }

    @Test
    void writeStalledStreamIsClosedAfterWriteStallTimeout() throws Exception {
        try (RawHttp client = RawHttp.connect(port(), 4096)) {
            String body = "{\"contents\":[{\"parts\":[{\"text\":\"go on\"}]}]}";
            client.send("POST /v1beta/models/endless-1:streamGenerateContent?alt=sse HTTP/1.1\r\nHost: x\r\n"
                    + "x-goog-api-key: " + token + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length() + "\r\n\r\n" + body);
            assertThat(client.input().readNBytes(12)).asString().isEqualTo("HTTP/1.1 200");
            // Stop reading: the buffers fill up, the relay can write no more, and the stall timer runs.
            long deadline = System.currentTimeMillis() + 15_000;
            while (!endlessStopped.get() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(endlessStopped).as("the upstream call was dropped once the client stalled").isTrue();
            assertThat(client.closedWithin(10_000)).as("the stalled client's connection is closed").isTrue();
            assertThat(endlessBytes.get()).isLessThan(256L * 1024 * 1024);
        }
    }
}
