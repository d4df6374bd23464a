package dev.junction.gateway.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.junction.gateway.testing.TestGateway;
import dev.junction.protocol.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Media fetched for clients is bounded per request ({@code media.max_urls}) and in total
 * ({@code media.max_bytes_in_flight}): past the first, a 400 before anything is fetched; past
 * the second, a 503 with {@code Retry-After}, and the memory comes back when requests end.
 */
class MediaLimitsTest {
    private static final int BIG = 60 * 1024;

    @TempDir
    static Path dir;

    static TestGateway junction;
    static String token;
    static HttpServer files;
    static final AtomicInteger fetches = new AtomicInteger();
    static final CountDownLatch slowSent = new CountDownLatch(1);
    static final CountDownLatch slowMayFinish = new CountDownLatch(1);

    @BeforeAll
    static void start() throws IOException {
        files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        files.setExecutor(Executors.newCachedThreadPool());
        files.createContext("/big.png", exchange -> {
            fetches.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, BIG);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(new byte[BIG]);
            }
        });
        files.createContext("/slow.png", exchange -> {
            fetches.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(new byte[BIG]);
                out.flush();
                slowSent.countDown();
                slowMayFinish.await(20, TimeUnit.SECONDS);
                out.write(new byte[16]);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        files.start();
        junction = TestGateway.start(dir, """
                media:
                  allow_private_addresses: true
                  max_bytes: 64KB
                  max_urls: 2
                  max_bytes_in_flight: 100KB
                """);
        token = junction.issue("media-limits");
    }

    @AfterAll
    static void stop() {
        slowMayFinish.countDown();
        junction.close();
        files.stop(0);
    }

    private static String withImages(String... paths) {
        StringBuilder parts = new StringBuilder("{\"type\":\"text\",\"text\":\"what is this\"}");
        for (String path : paths) {
            parts.append(",{\"type\":\"image_url\",\"image_url\":{\"url\":\"http://127.0.0.1:")
                    .append(files.getAddress().getPort()).append(path).append("\"}}");
        }
        return "{\"model\":\"gemini-2.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":[" + parts + "]}]}";
    }

    private static HttpResponse<String> chat(String body) {
        return junction.post("/v1/chat/completions", TestGateway.bearer(token), body);
    }

    @Test
    void moreMediaUrlsThanMaxUrlsIs400AndNothingIsFetched() throws Exception {
        int before = fetches.get();
        HttpResponse<String> answer = chat(withImages("/big.png?1", "/big.png?2", "/big.png?3"));
        assertThat(answer.statusCode()).isEqualTo(400);
        JsonNode error = Json.MAPPER.readTree(answer.body()).path("error");
        assertThat(error.path("message").asText()).contains("3 media URLs").contains("at most 2");
        assertThat(error.path("param").asText()).isEqualTo("messages");
        assertThat(fetches.get()).isEqualTo(before);
        assertThat(chat(withImages("/big.png?1")).statusCode()).isEqualTo(200);
    }

    @Test
    void fetchedBytesPastMaxBytesInFlightAre503WithRetryAfterUntilMemoryIsGivenBack() throws Exception {
        CompletableFuture<HttpResponse<String>> holding = CompletableFuture.supplyAsync(() -> chat(withImages("/slow.png")));
        assertThat(slowSent.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(300); // the 60 KB reach Junction and are held by the first request's fetch

        HttpResponse<String> refused = chat(withImages("/big.png?held"));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        JsonNode error = Json.MAPPER.readTree(refused.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("server_error");
        assertThat(error.path("code").asText()).isEqualTo("overloaded");

        slowMayFinish.countDown();
        assertThat(holding.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        // Both requests have ended: their memory is back, so two more in a row each fit.
        assertThat(chat(withImages("/big.png?again1")).statusCode()).isEqualTo(200);
        assertThat(chat(withImages("/big.png?again2")).statusCode()).isEqualTo(200);
    }
}
