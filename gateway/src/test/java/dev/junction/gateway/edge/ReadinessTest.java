package dev.junction.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.gateway.testing.TestGateway;
import dev.junction.protocol.Json;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /readyz} lists named checks (upstreams configured and not all cooling down, the usage
 * queue not full, and any a embedding application registers) and is 503 while one fails.
 */
class ReadinessTest {
    @TempDir
    static Path dir;

    static TestGateway junction;
    static String token;

    @BeforeAll
    static void start() {
        junction = TestGateway.start(dir, """
                routing:
                  failure_streak: 1
                  cooldown: 60s
                """);
        token = junction.issue("readiness");
    }

    @AfterAll
    static void stop() {
        junction.close();
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(response.body(), e);
        }
    }

    @Test
    void readyzListsNamedChecksAndIsReady() {
        HttpResponse<String> ready = junction.get("/readyz", Map.of());
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        JsonNode body = json(ready);
        assertThat(body.path("status").asText()).isEqualTo("ready");
        assertThat(body.path("checks").path("upstreams").path("ok").asBoolean()).isTrue();
        assertThat(body.path("checks").path("upstreams").path("detail").asText()).isEqualTo("1 configured, 0 cooling down");
        assertThat(body.path("checks").path("usage_queue").path("ok").asBoolean()).isTrue();
        assertThat(body.path("checks").path("usage_queue").path("detail").asText()).contains("of 100000 queued");
        assertThat(ready.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void everyUpstreamCoolingDownIsNotReady() {
        HttpResponse<String> failed = junction.post("/v1/chat/completions", TestGateway.bearer(token),
                "{\"model\":\"gemini-2.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"mock:error=503\"}]}");
        assertThat(failed.statusCode()).isEqualTo(503);
        try {
            HttpResponse<String> cooling = junction.get("/readyz", Map.of());
            assertThat(cooling.statusCode()).isEqualTo(503);
            JsonNode body = json(cooling);
            assertThat(body.path("status").asText()).isEqualTo("not ready");
            assertThat(body.path("checks").path("upstreams").path("ok").asBoolean()).isFalse();
            assertThat(body.path("checks").path("upstreams").path("detail").asText())
                    .contains("1 cooling down").contains("every upstream is cooling down");
            assertThat(body.path("checks").path("usage_queue").path("ok").asBoolean()).isTrue();
        } finally {
            junction.gateway().upstreams().all().forEach(u -> u.health().reset());
        }
        assertThat(junction.get("/readyz", Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void aRegisteredCheckIsListedAndCounts() {
        junction.gateway().readinessCheck("warm_cache", () -> Readiness.Result.failing("still loading"));
        try {
            HttpResponse<String> notReady = junction.get("/readyz", Map.of());
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(json(notReady).path("checks").path("warm_cache").path("detail").asText()).isEqualTo("still loading");
            assertThat(junction.gateway().readiness().ready()).isFalse();

            junction.gateway().readinessCheck("warm_cache", () -> {
                throw new IllegalStateException("boom");
            });
            HttpResponse<String> throwing = junction.get("/readyz", Map.of());
            assertThat(throwing.statusCode()).isEqualTo(503);
            assertThat(json(throwing).path("checks").path("warm_cache").path("detail").asText()).contains("boom");
        } finally {
            junction.gateway().readinessCheck("warm_cache", () -> Readiness.Result.ok("loaded"));
        }
        HttpResponse<String> ready = junction.get("/readyz", Map.of());
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(json(ready).path("checks").path("warm_cache").path("ok").asBoolean()).isTrue();
    }
}
