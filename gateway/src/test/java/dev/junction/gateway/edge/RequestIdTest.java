package dev.junction.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.testing.RawHttp;
import dev.junction.gateway.testing.TestGateway;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client's {@code x-request-id} is echoed on every answer (success, error, health, admin, an
 * HTTP-layer error) when it is at most 128 characters of {@code [A-Za-z0-9._:-]}; otherwise
 * Junction's own id is sent. Junction's id stays the key of the usage record either way.
 */
class RequestIdTest {
    private static final String CLIENT_ID = "trace-01:Ab.c_9";
    private static final String CHAT = "{\"model\":\"gemini-2.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    @TempDir
    static Path dir;

    static TestGateway junction;
    static String token;

    @BeforeAll
    static void start() {
        junction = TestGateway.start(dir);
        token = junction.issue("request-ids");
    }

    @AfterAll
    static void stop() {
        junction.close();
    }

    private static Map<String, String> with(Map<String, String> headers, String id) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("x-request-id", id);
        return all;
    }

    @Test
    void aBoundedCleanClientIdIsEchoedOnSuccessAndRecordedUnderJunctionsOwn() {
        HttpResponse<String> ok = junction.post("/v1/chat/completions", with(TestGateway.bearer(token), CLIENT_ID), CHAT);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("x-request-id")).hasValue(CLIENT_ID);
        String own = ok.headers().firstValue("x-junction-request-id").orElseThrow();
        assertThat(own).startsWith("req_");
        assertThat(junction.awaitRecords(r -> r.requestId().equals(own), 1)).hasSize(1);
    }

    @Test
    void theClientIdIsEchoedOnErrorsHealthAndAdmin() {
        Map<String, String> noToken = Map.of("Content-Type", "application/json");
        HttpResponse<String> unauthorized = junction.post("/v1/chat/completions", with(noToken, CLIENT_ID), CHAT);
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertThat(unauthorized.headers().firstValue("x-request-id")).hasValue(CLIENT_ID);

        HttpResponse<String> notFound = junction.get("/v1/no/such/thing", with(TestGateway.bearer(token), CLIENT_ID));
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.headers().firstValue("x-request-id")).hasValue(CLIENT_ID);

        HttpResponse<String> invalid = junction.post("/v1/chat/completions", with(TestGateway.bearer(token), CLIENT_ID),
                "{\"model\":");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.headers().firstValue("x-request-id")).hasValue(CLIENT_ID);

        for (String path : new String[] {"/healthz", "/readyz", "/admin/v1/tokens"}) {
            HttpResponse<String> answer = junction.get(path, Map.of("x-request-id", CLIENT_ID));
            assertThat(answer.headers().firstValue("x-request-id")).as(path).hasValue(CLIENT_ID);
        }
    }

    @Test
    void theClientIdIsEchoedOnHttpLayerErrors() {
        try (RawHttp client = RawHttp.connect(junction.gateway().port())) {
            RawHttp.Answer answer = client.send("GET /v1/models HTTP/9.9\r\nHost: x\r\nx-request-id: " + CLIENT_ID
                    + "\r\n\r\n").read();
            assertThat(answer.status()).isEqualTo(505);
            assertThat(answer.header("x-request-id")).hasValue(CLIENT_ID);
        }
    }

    @Test
    void aTooLongClientIdIsReplacedByJunctionsOwn() {
        String tooLong = "a".repeat(129);
        HttpResponse<String> ok = junction.post("/v1/chat/completions", with(TestGateway.bearer(token), tooLong), CHAT);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("x-request-id")).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
        assertThat(ok.headers().firstValue("x-junction-request-id")).isEmpty();

        String longest = "b".repeat(128);
        assertThat(junction.get("/healthz", Map.of("x-request-id", longest)).headers().firstValue("x-request-id"))
                .hasValue(longest);
    }

    @Test
    void aClientIdWithOtherCharactersIsReplacedByJunctionsOwn() {
        for (String dirty : new String[] {"<script>alert(1)</script>", "a b", "id\u00e9", "a/b", "x;y=z", "%0d%0a"}) {
            HttpResponse<String> answer = junction.get("/healthz", Map.of("x-request-id", dirty));
            assertThat(answer.headers().firstValue("x-request-id")).as(dirty)
                    .hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
        }
    }

    @Test
    void withoutAClientIdJunctionsOwnIsSent() {
        HttpResponse<String> ok = junction.post("/v1/chat/completions", TestGateway.bearer(token), CHAT);
        String id = ok.headers().firstValue("x-request-id").orElseThrow();
        assertThat(id).startsWith("req_");
        assertThat(junction.awaitRecords(r -> r.requestId().equals(id), 1)).hasSize(1);
    }
}
