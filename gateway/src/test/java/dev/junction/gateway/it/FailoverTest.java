package dev.junction.gateway.it;

import static dev.junction.gateway.testing.ScriptedUpstream.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.gateway.testing.ScriptedUpstream;
import dev.junction.gateway.testing.TestGateway;
import dev.junction.gateway.usage.UsageRecord;
import dev.junction.protocol.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two upstreams serve the same models: a hostile one of priority 0 and the mock of priority 1.
 * Every failure before the upstream accepted a call moves on to the mock, in both doors; a
 * failure after the answer started, or an answer about the request itself, does not.
 */
class FailoverTest {
    private static final String OPENAI = "{\"model\":\"gemini-2.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String NATIVE = "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}";

    @TempDir
    static Path dir;

    static ScriptedUpstream primary;
    static TestGateway junction;
    static String token;
    static int refusedPort;

    @BeforeAll
    static void start() throws IOException {
        primary = new ScriptedUpstream(ScriptedUpstream.ok("from the primary"));
        try (ServerSocket socket = new ServerSocket(0)) {
            refusedPort = socket.getLocalPort();
        }
        junction = TestGateway.start(dir, mockUrl -> """
                server:
                  port: 0
                data_dir: %s
                upstreams:
                  - name: primary
                    base_url: %s
                    api_keys: [primary-key-1]
                    models: ["gemini-*"]
                    read_timeout: 1s
                  - name: mock
                    base_url: %s
                    api_keys: [%s]
                    models: ["gemini-*"]
                    priority: 1
                """.formatted(dir.resolve("data"), primary.baseUrl(), mockUrl, TestGateway.UPSTREAM_KEY));
        token = junction.issue("failover");
    }

    @AfterAll
    static void stop() throws IOException {
        junction.close();
        primary.close();
    }

    @BeforeEach
    void reset() {
        junction.mock().clear();
        // Each case starts from healthy upstreams and rested keys: the cases are independent.
        junction.gateway().upstreams().all().forEach(u -> {
            u.health().reset();
            u.provider().credentials().restore();
        });
        seen = junction.records().size();
    }

    static Stream<Arguments> failuresBeforeAcceptance() {
        String unavailable = "{\"error\":{\"code\":503,\"message\":\"The model is overloaded.\",\"status\":\"UNAVAILABLE\"}}";
        String limited = "{\"error\":{\"code\":429,\"message\":\"Resource has been exhausted\",\"status\":"
                + "\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\","
                + "\"retryDelay\":\"1s\"}]}}";
        String badKey = "{\"error\":{\"code\":400,\"message\":\"API key not valid.\",\"status\":\"INVALID_ARGUMENT\","
                + "\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"API_KEY_INVALID\"}]}}";
        return Stream.of(
                Arguments.of("503", status(503, unavailable)),
                Arguments.of("500", status(500, "{\"error\":{\"code\":500,\"message\":\"internal\",\"status\":\"INTERNAL\"}}")),
                Arguments.of("429", status(429, limited)),
                Arguments.of("rejected key", status(400, badKey)),
                Arguments.of("HTML error page", status(502, "<html>bad gateway</html>")),
                Arguments.of("reset before the head", new ScriptedUpstream.Act.Reset()),
                Arguments.of("silence past the read timeout", new ScriptedUpstream.Act.Hang()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failuresBeforeAcceptance")
    void aFailureBeforeTheUpstreamAcceptedMovesOnInTheOpenAiDoor(String name, ScriptedUpstream.Act failure) {
        int before = primary.calls();
        primary.then(failure);
        HttpResponse<String> response = junction.post("/v1/chat/completions", TestGateway.bearer(token), OPENAI);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("gemini-2.5-flash").doesNotContain("from the primary");
        assertThat(primary.calls() - before).isEqualTo(1);
        assertThat(junction.mock().received()).hasSize(1);
        assertThat(lastRecord().upstream()).isEqualTo("mock");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failuresBeforeAcceptance")
    void aFailureBeforeTheUpstreamAcceptedMovesOnInTheGeminiDoor(String name, ScriptedUpstream.Act failure) {
        primary.then(failure);
        HttpResponse<String> response = junction.post("/v1beta/models/gemini-2.5-flash:generateContent",
                TestGateway.bearer(token), NATIVE);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(junction.mock().received()).hasSize(1);
        assertThat(lastRecord().upstream()).isEqualTo("mock");
    }

    static Stream<Arguments> operatorKeyFaults() {
        return Stream.of(
                Arguments.of("401 UNAUTHENTICATED", status(401, "{\"error\":{\"code\":401,\"message\":\"Request had "
                        + "invalid authentication credentials.\",\"status\":\"UNAUTHENTICATED\"}}")),
                Arguments.of("403 PERMISSION_DENIED, reason API_KEY_INVALID", status(403, "{\"error\":{\"code\":403,"
                        + "\"message\":\"Permission denied.\",\"status\":\"PERMISSION_DENIED\",\"details\":[{\"@type\":"
                        + "\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"API_KEY_INVALID\"}]}}")),
                Arguments.of("400 API key not valid, no reason", status(400, "{\"error\":{\"code\":400,\"message\":"
                        + "\"API key not valid. Please pass a valid API key.\",\"status\":\"INVALID_ARGUMENT\"}}")),
                Arguments.of("403 API key not valid, no reason", status(403, "{\"error\":{\"code\":403,\"message\":"
                        + "\"API key not valid. Please pass a valid API key.\",\"status\":\"PERMISSION_DENIED\"}}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operatorKeyFaults")
    void anErrorThatBlamesTheOperatorsKeyRestsTheKeyAndFailsOver(String name, ScriptedUpstream.Act failure) {
        int before = primary.calls();
        primary.then(failure);
        HttpResponse<String> response = junction.post("/v1/chat/completions", TestGateway.bearer(token), OPENAI);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(primary.calls() - before).isEqualTo(1);
        assertThat(junction.mock().received()).hasSize(1);
        assertThat(primaryKeyStates()).as("the rejected key rests").containsExactly("rejected");
    }

    static final String FILE_DENIED = "{\"error\":{\"code\":403,\"message\":\"You do not have permission to access the "
            + "File abc123 or it may not exist.\",\"status\":\"PERMISSION_DENIED\"}}";

    @Test
    void aForbiddenFileIsTheCallers403InTheGeminiDoorWithNoRetryAndNoRestedKey() throws IOException {
        int before = primary.calls();
        primary.then(status(403, FILE_DENIED));
        HttpResponse<String> response = junction.post("/v1beta/models/gemini-2.5-flash:generateContent",
                TestGateway.bearer(token), NATIVE);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        JsonNode error = json(response.body()).path("error");
        assertThat(error.path("status").asText()).isEqualTo("PERMISSION_DENIED");
        assertThat(error.path("message").asText()).contains("File abc123");
        assertThat(primary.calls() - before).as("no other key or upstream is tried").isEqualTo(1);
        assertThat(junction.mock().received()).isEmpty();
        assertThat(primaryKeyStates()).as("the key is fine").containsExactly("usable");
    }

    @Test
    void aForbiddenFileIsTheCallers403InTheOpenAiDoorWithNoRetryAndNoRestedKey() throws IOException {
        int before = primary.calls();
        primary.then(status(403, FILE_DENIED));
        HttpResponse<String> response = junction.post("/v1/chat/completions", TestGateway.bearer(token), OPENAI);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        JsonNode error = json(response.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("permission_error");
        assertThat(error.path("message").asText()).contains("File abc123");
        assertThat(primary.calls() - before).as("no other key or upstream is tried").isEqualTo(1);
        assertThat(junction.mock().received()).isEmpty();
        assertThat(primaryKeyStates()).as("the key is fine").containsExactly("usable");
    }

    /** Each of the primary's keys: {@code usable}, or why it rests. */
    private static List<String> primaryKeyStates() {
        return junction.gateway().upstreams().named("primary").orElseThrow().provider().credentials().states().stream()
                .map(s -> s.reason().orElse("usable")).toList();
    }

    static Stream<Arguments> failuresAfterAcceptance() {
        String answer = ScriptedUpstream.geminiAnswer("half an answer");
        String chunk = "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Once upon\"}]},"
                + "\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":3,\"candidatesTokenCount\":2}}";
        return Stream.of(
                Arguments.of("whole answer stalls past the read timeout (OpenAI door)", "/v1/chat/completions", OPENAI,
                        new ScriptedUpstream.Act.Halting(answer, 2_500)),
                Arguments.of("whole answer stalls past the read timeout (Gemini door)",
                        "/v1beta/models/gemini-2.5-flash:generateContent", NATIVE,
                        new ScriptedUpstream.Act.Halting(answer, 2_500)),
                Arguments.of("stream reset after its first event (OpenAI door)", "/v1/chat/completions",
                        OPENAI.replace("{\"model\"", "{\"stream\":true,\"model\""),
                        new ScriptedUpstream.Act.Stream(List.of(chunk), true)),
                Arguments.of("stream reset after its first event (Gemini door)",
                        "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", NATIVE,
                        new ScriptedUpstream.Act.Stream(List.of(chunk), true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failuresAfterAcceptance")
    void aFailureAfterTheUpstreamAcceptedIsNeverRetried(String name, String path, String body,
            ScriptedUpstream.Act failure) {
        int before = primary.calls();
        primary.then(failure);
        HttpResponse<String> response = junction.post(path, TestGateway.bearer(token), body);
        if (response.statusCode() == 200) {
            assertThat(response.body()).as("a stream under way ends with an error event").contains("Once upon")
                    .contains("\"error\"");
        } else {
            assertThat(response.statusCode()).as(response.body()).isIn(502, 504);
        }
        assertThat(primary.calls() - before).as("the upstream that accepted is asked once").isEqualTo(1);
        assertThat(junction.mock().received()).as("no other upstream is asked once one accepted").isEmpty();
        assertThat(primaryKeyStates()).as("an accepted call says the key is fine").containsExactly("usable");
        UsageRecord record = lastRecord();
        assertThat(record.upstream()).isEqualTo("primary");
        assertThat(record.status()).isNotEqualTo(0);
    }

    @Test
    void aHealthyPrimaryServesAndTheFallbackIsNotCalled() {
        HttpResponse<String> response = junction.post("/v1/chat/completions", TestGateway.bearer(token), OPENAI);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("from the primary");
        assertThat(junction.mock().received()).isEmpty();
        assertThat(lastRecord().upstream()).isEqualTo("primary");
    }

    @Test
    void aBadRequestIsFinalAndGoesBackToTheClient() {
        primary.then(status(400, "{\"error\":{\"code\":400,\"message\":\"Invalid JSON payload received.\","
                + "\"status\":\"INVALID_ARGUMENT\"}}"));
        HttpResponse<String> native_ = junction.post("/v1beta/models/gemini-2.5-flash:generateContent",
                TestGateway.bearer(token), NATIVE);
        assertThat(native_.statusCode()).isEqualTo(400);
        assertThat(native_.body()).contains("Invalid JSON payload received.");
        assertThat(junction.mock().received()).isEmpty();
    }

    @Test
    void anAnswerThatBreaksAfterItStartedIsNotRetried() {
        primary.then(new ScriptedUpstream.Act.Stream(List.of(
                "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Once upon\"}]},\"index\":0}]}"),
                true));
        HttpResponse<String> response = junction.post("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
                TestGateway.bearer(token), NATIVE);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Once upon").contains("\"error\"");
        assertThat(junction.mock().received()).as("the fallback is never asked once an answer has started").isEmpty();
    }

    @Test
    void anUpstreamThatRefusesConnectionsMovesOn() {
        try (TestGateway refused = TestGateway.start(dir.resolve("refused"), mockUrl -> """
                server:
                  port: 0
                data_dir: %s
                upstreams:
                  - name: refusing
                    base_url: http://127.0.0.1:%d
                    api_keys: [refused-key]
                    connect_timeout: 1s
                  - name: mock
                    base_url: %s
                    api_keys: [%s]
                    priority: 1
                """.formatted(dir.resolve("refused/data"), refusedPort, mockUrl, TestGateway.UPSTREAM_KEY))) {
            String secret = refused.issue("refused");
            HttpResponse<String> response = refused.post("/v1/chat/completions", TestGateway.bearer(secret), OPENAI);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(refused.mock().received()).hasSize(1);
        }
    }

    /** The record of the request just answered (records are written as the exchange ends, just after the answer). */
    private static UsageRecord lastRecord() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<UsageRecord> records = junction.records();
        while (System.nanoTime() < deadline && (records.isEmpty() || records.size() <= seen)) {
            Thread.onSpinWait();
            records = junction.records();
        }
        seen = records.size();
        return records.get(records.size() - 1);
    }

    private static int seen;

    static JsonNode json(String body) throws IOException {
        return Json.MAPPER.readTree(body);
    }
}
