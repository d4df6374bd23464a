package dev.junction.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.testing.TestGateway;
import dev.junction.protocol.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stop fits an orchestrator's usual 30 s grace: by default 20 s for requests in flight and 5 s
 * for the usage queue. {@code /readyz} says {@code draining} from its first moment, requests in
 * flight complete, and their usage is recorded.
 */
class ShutdownTest {
    private static final String SLOW = "{\"model\":\"gemini-2.5-flash\",\"messages\":[{\"role\":\"user\","
            + "\"content\":\"take your time mock:delay-ms=1200\"}]}";

    @TempDir
    Path dir;

    @Test
    void theDefaultsFitA30SecondGrace() {
        try (TestGateway junction = TestGateway.start(dir)) {
            Duration grace = junction.gateway().config().server().shutdownGrace();
            Duration drain = junction.gateway().config().usage().drainTimeout();
            assertThat(grace).isEqualTo(Duration.ofSeconds(20));
            assertThat(drain).isEqualTo(Duration.ofSeconds(5));
            assertThat(junction.gateway().config().server().drainDelay()).isZero();
            assertThat(grace.plus(drain)).isLessThan(Duration.ofSeconds(30));
        }
    }

    @Test
    void aRequestInFlightDuringShutdownCompletes() throws Exception {
        TestGateway junction = TestGateway.start(dir);
        String token = junction.issue("stopping");
        CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(
                () -> junction.post("/v1/chat/completions", TestGateway.bearer(token), SLOW));
        long deadline = System.currentTimeMillis() + 5000;
        while (junction.mock().received().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertThat(junction.mock().received()).as("the request reached the upstream before the stop").hasSize(1);

        long start = System.nanoTime();
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(junction::close);
        HttpResponse<String> answer = inFlight.get(20, TimeUnit.SECONDS);
        stopped.get(20, TimeUnit.SECONDS);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(answer.body()).path("choices").get(0).path("message").path("content").asText())
                .isNotEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(junction.records()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.clientGone()).isFalse();
        });
    }

    @Test
    void readyzSaysDrainingOnceShutdownBeginsWhileRequestsAreStillServed() throws Exception {
        TestGateway junction = TestGateway.start(dir, "drain_delay: 1500ms", "");
        String token = junction.issue("draining");
        assertThat(junction.get("/readyz", Map.of()).statusCode()).isEqualTo(200);

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(junction::close);
        long deadline = System.currentTimeMillis() + 1000;
        while (!junction.gateway().readiness().draining() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        HttpResponse<String> draining = junction.get("/readyz", Map.of());
        assertThat(draining.statusCode()).isEqualTo(503);
        assertThat(Json.MAPPER.readTree(draining.body()).path("status").asText()).isEqualTo("draining");
        // Load balancers are still noticing: requests are served during the drain delay.
        assertThat(junction.post("/v1/chat/completions", TestGateway.bearer(token),
                "{\"model\":\"gemini-2.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}").statusCode())
                .isEqualTo(200);
        stopped.get(20, TimeUnit.SECONDS);
    }
}
