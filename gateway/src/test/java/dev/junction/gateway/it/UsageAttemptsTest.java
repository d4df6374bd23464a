package dev.junction.gateway.it;

import static dev.junction.gateway.testing.ScriptedUpstream.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.gateway.testing.ScriptedUpstream;
import dev.junction.gateway.testing.TestGateway;
import dev.junction.gateway.usage.UsageQuery;
import dev.junction.gateway.usage.UsageRecord;
import dev.junction.protocol.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every usage record names the upstream that served the request and how many upstream calls it
 * took, in the database and in the admin API's usage rows: a primary that fails over to the
 * mock is two attempts, a healthy primary one, a stream the same.
 */
class UsageAttemptsTest {
    private static final String ADMIN = "admin-token-attempts-0123456789";
    private static final String OPENAI = "{\"model\":\"gemini-2.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String UNAVAILABLE = "{\"error\":{\"code\":503,\"message\":\"The model is overloaded.\","
            + "\"status\":\"UNAVAILABLE\"}}";

    @TempDir
    static Path dir;

    static ScriptedUpstream primary;
    static TestGateway junction;
    static String token;

    @BeforeAll
    static void start() throws Exception {
        primary = new ScriptedUpstream(ScriptedUpstream.ok("from the primary"));
        junction = TestGateway.start(dir, mockUrl -> """
                server:
                  port: 0
                data_dir: %s
                admin_token: %s
                upstreams:
                  - name: primary
                    base_url: %s
                    api_keys: [primary-key-1]
                    models: ["gemini-*"]
                  - name: mock
                    base_url: %s
                    api_keys: [%s]
                    models: ["gemini-*"]
                    priority: 1
                """.formatted(dir.resolve("data"), ADMIN, primary.baseUrl(), mockUrl, TestGateway.UPSTREAM_KEY));
        token = junction.issue("attempts");
    }

    @AfterAll
    static void stop() throws Exception {
        junction.close();
        primary.close();
    }

    private static UsageRecord recordOf(HttpResponse<String> response) {
        String id = response.headers().firstValue("x-request-id").orElseThrow();
        return junction.awaitRecords(r -> r.requestId().equals(id), 1).get(0);
    }

    /** The request's row as the admin API shows it, once the writer has stored it. */
    private static JsonNode adminRow(String requestId) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> page = junction.get("/admin/v1/usage?token=attempts&limit=100",
                    Map.of("Authorization", "Bearer " + ADMIN));
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            for (JsonNode row : Json.MAPPER.readTree(page.body()).path("data")) {
                if (row.path("request_id").asText().equals(requestId)) {
                    return row;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no admin usage row for " + requestId);
    }

    @Test
    void aFailoverToTheNextUpstreamIsTwoAttemptsServedByTheNextUpstream() throws Exception {
        primary.then(status(503, UNAVAILABLE));
        HttpResponse<String> response = junction.post("/v1/chat/completions", TestGateway.bearer(token), OPENAI);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        UsageRecord record = recordOf(response);
        assertThat(record.upstream()).isEqualTo("mock");
        assertThat(record.attempts()).isEqualTo(2);

        JsonNode row = adminRow(record.requestId());
        assertThat(row.path("upstream").asText()).isEqualTo("mock");
        assertThat(row.path("attempts").asInt()).isEqualTo(2);
        UsageRecord stored = junction.gateway().operators().usage().find(new UsageQuery(Instant.EPOCH,
                Instant.parse("2100-01-01T00:00:00Z"), Optional.of("attempts"), Optional.empty()), Optional.empty(), 100)
                .records().stream().filter(r -> r.requestId().equals(record.requestId())).findFirst().orElseThrow();
        assertThat(stored.attempts()).isEqualTo(2);
        assertThat(stored.upstream()).isEqualTo("mock");
    }

    @Test
    void aHealthyUpstreamIsOneAttempt() throws Exception {
        HttpResponse<String> response = junction.post("/v1/chat/completions", TestGateway.bearer(token), OPENAI);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        UsageRecord record = recordOf(response);
        assertThat(record.upstream()).isEqualTo("primary");
        assertThat(record.attempts()).isEqualTo(1);
        assertThat(adminRow(record.requestId()).path("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void aStreamThatFailedOverCountsItsAttemptsToo() throws Exception {
        primary.then(status(503, UNAVAILABLE));
        HttpResponse<String> response = junction.post("/v1/chat/completions", TestGateway.bearer(token),
                OPENAI.replace("}]}", "}],\"stream\":true}"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("[DONE]");
        UsageRecord record = recordOf(response);
        assertThat(record.stream()).isTrue();
        assertThat(record.upstream()).isEqualTo("mock");
        assertThat(record.attempts()).isEqualTo(2);
    }
}
