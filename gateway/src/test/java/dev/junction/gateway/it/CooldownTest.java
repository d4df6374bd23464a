package dev.junction.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.routing.UpstreamHealth;
import dev.junction.gateway.routing.Upstreams;
import dev.junction.gateway.testing.ScriptedUpstream;
import dev.junction.gateway.testing.TestGateway;
import dev.junction.protocol.Json;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upstream that keeps failing is left alone for its cooldown (the next candidate serves
 * without a wasted call), then one probe brings it back; when every upstream of a model is
 * cooling down or rate-limited by its vendor, the client is told at once, with when to retry.
 */
class CooldownTest {
    private static final String OPENAI = "{\"model\":\"gemini-2.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String UNAVAILABLE = "{\"error\":{\"code\":503,\"message\":\"The model is overloaded.\",\"status\":\"UNAVAILABLE\"}}";

    @TempDir
    Path dir;

    ScriptedUpstream primary;
    TestGateway junction;

    @AfterEach
    void stop() throws IOException {
        junction.close();
        primary.close();
    }

    private void start(String fallback) throws IOException {
        primary = new ScriptedUpstream(ScriptedUpstream.status(503, UNAVAILABLE));
        junction = TestGateway.start(dir, mockUrl -> """
                server:
                  port: 0
                data_dir: %s
                admin_token: admin-token-0123456789
                routing:
                  failure_streak: 3
                  cooldown: 1s
                upstreams:
                  - name: primary
                    base_url: %s
                    api_keys: [primary-key-1]
                    models: ["gemini-*"]
                %s
                """.formatted(dir.resolve("data"), primary.baseUrl(), fallback.formatted(mockUrl, TestGateway.UPSTREAM_KEY)));
    }

    private Upstreams.Upstream named(String name) {
        return junction.gateway().upstreams().all().stream().filter(u -> u.settings().name().equals(name))
                .findFirst().orElseThrow();
    }

    @Test
    void aFailingUpstreamCoolsDownWhileTheFallbackServesThenAProbeBringsItBack() throws Exception {
        start("""
                  - name: mock
                    base_url: %s
                    api_keys: [%s]
                    models: ["gemini-*"]
                    priority: 1
                """);
        String token = junction.issue("cool");
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> served = junction.post("/v1/chat/completions", TestGateway.bearer(token), OPENAI);
            assertThat(served.statusCode()).isEqualTo(200);
        }
        assertThat(primary.calls()).isEqualTo(3);
        assertThat(named("primary").health().state()).isEqualTo(UpstreamHealth.State.COOLING_DOWN);
        assertThat(named("primary").health().recentErrors()).hasSize(3);

        for (int i = 0; i < 5; i++) {
            assertThat(junction.post("/v1/chat/completions", TestGateway.bearer(token), OPENAI).statusCode()).isEqualTo(200);
        }
        assertThat(primary.calls()).as("not called while it cools down").isEqualTo(3);
        assertThat(junction.records().getLast().upstream()).isEqualTo("mock");

        primary.always(ScriptedUpstream.ok("from the primary"));
        Thread.sleep(1100);
        HttpResponse<String> probe = junction.post("/v1/chat/completions", TestGateway.bearer(token), OPENAI);
        assertThat(probe.body()).contains("from the primary");
        assertThat(named("primary").health().state()).isEqualTo(UpstreamHealth.State.HEALTHY);
        assertThat(primary.calls()).isEqualTo(4);
    }

    @Test
    void theAdminApiShowsEachUpstreamsStateCooldownErrorsAndMaskedKeysAndCanResetOne() throws Exception {
        start("""
                  - name: mock
                    base_url: %s
                    api_keys: [%s]
                    models: ["gemini-*"]
                    priority: 1
                """);
        String token = junction.issue("cool");
        for (int i = 0; i < 3; i++) {
            junction.post("/v1/chat/completions", TestGateway.bearer(token), OPENAI);
        }
        var admin = TestGateway.bearer("admin-token-0123456789");
        HttpResponse<String> listed = junction.get("/admin/v1/upstreams", admin);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain("primary-key-1").doesNotContain(TestGateway.UPSTREAM_KEY);
        var primaryView = Json.MAPPER.readTree(listed.body()).path("upstreams").path(0);
        assertThat(primaryView.path("name").asText()).isEqualTo("primary");
        assertThat(primaryView.path("state").asText()).isEqualTo("cooling_down");
        assertThat(primaryView.path("cooldown_until").asText()).isNotEmpty();
        assertThat(primaryView.path("keys").path(0).path("key").asText()).isEqualTo("...ey-1");
        assertThat(primaryView.path("keys").path(0).path("state").asText()).isEqualTo("usable");
        assertThat(primaryView.path("recent_errors")).hasSize(3);
        assertThat(primaryView.path("recent_errors").path(0).path("message").asText()).contains("overloaded");
        assertThat(primaryView.path("in_flight").asInt()).isZero();
        var mockView = Json.MAPPER.readTree(listed.body()).path("upstreams").path(1);
        assertThat(mockView.path("state").asText()).isEqualTo("healthy");

        assertThat(junction.get("/admin/v1/upstreams", TestGateway.bearer(token)).statusCode())
                .as("a client token is not an admin token").isEqualTo(401);
        HttpResponse<String> reset = junction.post("/admin/v1/upstreams/primary/reset", admin, "");
        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(reset.body()).path("upstreams").path(0).path("state").asText()).isEqualTo("healthy");
        assertThat(junction.post("/admin/v1/upstreams/nobody/reset", admin, "").statusCode()).isEqualTo(404);
    }

    @Test
    void whenEveryUpstreamCoolsDownTheClientIsToldAtOnceWithRetryAfter() throws Exception {
        start("");
        String token = junction.issue("cool");
        for (int i = 0; i < 3; i++) {
            junction.post("/v1/chat/completions", TestGateway.bearer(token), OPENAI);
        }
        int calls = primary.calls();
        HttpResponse<String> refused = junction.post("/v1/chat/completions", TestGateway.bearer(token), OPENAI);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).contains("1");
        assertThat(Json.MAPPER.readTree(refused.body()).path("error").path("message").asText())
                .contains("cooling down");
        assertThat(primary.calls()).isEqualTo(calls);
    }

    @Test
    void anUpstreamWhoseEveryKeyTheVendorRateLimitedGoesAfterTheOthers() throws Exception {
        start("""
                  - name: mock
                    base_url: %s
                    api_keys: [%s]
                    models: ["gemini-*"]
                    priority: 1
                """);
        String token = junction.issue("cool");
        primary.then(ScriptedUpstream.status(429, "{\"error\":{\"code\":429,\"message\":\"Resource has been exhausted\","
                + "\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\","
                + "\"retryDelay\":\"20s\"}]}}"));
        primary.always(ScriptedUpstream.ok("from the primary"));
        assertThat(junction.post("/v1/chat/completions", TestGateway.bearer(token), OPENAI).statusCode()).isEqualTo(200);
        assertThat(primary.calls()).isEqualTo(1);
        HttpResponse<String> next = junction.post("/v1/chat/completions", TestGateway.bearer(token), OPENAI);
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.body()).doesNotContain("from the primary");
        assertThat(primary.calls()).as("its only key rests for the 20 s Google asked").isEqualTo(1);
        var view = Json.MAPPER.readTree(junction.get("/admin/v1/upstreams",
                TestGateway.bearer("admin-token-0123456789")).body()).path("upstreams").path(0);
        assertThat(view.path("keys").path(0).path("state").asText()).isEqualTo("resting");
        assertThat(view.path("keys").path(0).path("reason").asText()).isEqualTo("rate_limited");
    }
}
