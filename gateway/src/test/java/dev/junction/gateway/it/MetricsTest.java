package dev.junction.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.testing.TestGateway;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} as Prometheus scrapes it: on the API listener for the admin token only, on
 * the separate metrics listener for anyone; requests, latency, tokens, cost, errors and upstream
 * state counted from what really happened, and a client's made-up model name never a label.
 */
class MetricsTest {
    private static final String ADMIN = "admin-token-metrics-0001";
    private static final String ASK = "{\"model\":\"gemini-2.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @TempDir
    static Path dir;

    static TestGateway junction;
    static String token;

    @BeforeAll
    static void start() {
        junction = TestGateway.start(dir, mockUrl -> """
                server:
                  port: 0
                data_dir: %s
                admin_token: %s
                metrics:
                  port: 0
                upstreams:
                  - name: google
                    base_url: %s
                    api_keys: [%s]
                    models: ["gemini-*"]
                """.formatted(dir.resolve("data"), ADMIN, mockUrl, TestGateway.UPSTREAM_KEY));
        token = junction.issue("metrics-user");
    }

    @AfterAll
    static void stop() {
        junction.close();
    }

    private static String scrape() {
        HttpResponse<String> response = junction.get("/metrics", Map.of("Authorization", "Bearer " + ADMIN));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/plain; version=0.0.4"));
        return response.body();
    }

    /** The value of the one series named {@code name} whose labels include every one of {@code labels}. */
    private static double value(String text, String name, String... labels) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(text);
        double total = 0;
        boolean found = false;
        while (m.find()) {
            boolean all = true;
            for (String label : labels) {
                all &= m.group(1).contains(label);
            }
            if (all) {
                total += Double.parseDouble(m.group(2));
                found = true;
            }
        }
        return found ? total : Double.NaN;
    }

    @Test
    void requestsLatencyTokensAndErrorsAreCountedFromWhatHappened() {
        double before = value(scrape(), "junction_requests_total", "door=\"openai\"", "model=\"gemini-2.5-flash\"",
                "status=\"200\"", "upstream=\"google\"");
        for (int i = 0; i < 3; i++) {
            assertThat(junction.post("/v1/chat/completions", TestGateway.bearer(token), ASK).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> unknown = junction.post("/v1/chat/completions", TestGateway.bearer(token),
                ASK.replace("gemini-2.5-flash", "made-up-model-x9"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        junction.awaitRecords(r -> r.model().equals("made-up-model-x9"), 1);

        String text = scrape();
        double after = value(text, "junction_requests_total", "door=\"openai\"", "model=\"gemini-2.5-flash\"",
                "status=\"200\"", "upstream=\"google\"");
        assertThat(after - (Double.isNaN(before) ? 0 : before)).isEqualTo(3.0);
        assertThat(text).doesNotContain("made-up-model-x9");
        assertThat(value(text, "junction_requests_total", "model=\"unrouted\"", "status=\"404\"")).isGreaterThanOrEqualTo(1);
        assertThat(value(text, "junction_tokens_total", "kind=\"prompt\"", "model=\"gemini-2.5-flash\"")).isPositive();
        assertThat(value(text, "junction_tokens_total", "kind=\"output\"", "upstream=\"google\"")).isPositive();
        assertThat(value(text, "junction_request_duration_seconds_count", "door=\"openai\"",
                "endpoint=\"chat.completions\"")).isGreaterThanOrEqualTo(3);
        assertThat(value(text, "junction_request_duration_seconds_bucket", "door=\"openai\"", "le=\"+Inf\""))
                .isGreaterThanOrEqualTo(3);
        assertThat(value(text, "junction_upstream_state", "upstream=\"google\"", "state=\"healthy\"")).isEqualTo(1.0);
        assertThat(value(text, "junction_upstream_state", "upstream=\"google\"", "state=\"cooling_down\"")).isEqualTo(0.0);
        assertThat(value(text, "junction_upstream_attempts_total", "upstream=\"google\"", "outcome=\"accepted\""))
                .isGreaterThanOrEqualTo(3);
        assertThat(text).contains("jvm_memory_used_bytes").contains("junction_usage_queued");
    }

    @Test
    void theApiListenerServesMetricsToTheAdminTokenOnly() {
        assertThat(junction.get("/metrics", Map.of()).statusCode()).isEqualTo(401);
        assertThat(junction.get("/metrics", Map.of("Authorization", "Bearer " + token)).statusCode()).isEqualTo(401);
    }

    @Test
    void theMetricsListenerServesAnyoneAndOnlyMetrics() throws Exception {
        Optional<Integer> port = junction.gateway().metricsPort();
        assertThat(port).isPresent();
        HttpResponse<String> open = junction.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port.get() + "/metrics")).GET().build());
        assertThat(open.statusCode()).isEqualTo(200);
        assertThat(open.body()).contains("junction_upstream_state");
        HttpResponse<String> other = junction.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port.get() + "/v1/models")).GET().build());
        assertThat(other.statusCode()).isEqualTo(404);
    }
}
