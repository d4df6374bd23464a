package dev.junction.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.gateway.testing.RawHttp;
import dev.junction.gateway.testing.TestGateway;
import dev.junction.protocol.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests that HTTP itself rejects, sent by hand over raw sockets: each gets the status HTTP
 * prescribes with a JSON body in the shape of the door its path belongs to, the request id, and a
 * closed connection; the gateway keeps serving. HTTP/2 is not served in clear text.
 */
class HttpLayerErrorsTest {
    @TempDir
    static Path dir;

    static TestGateway junction;
    static String token;

    @BeforeAll
    static void start() {
        junction = TestGateway.start(dir);
        token = junction.issue("http-layer");
    }

    @AfterAll
    static void stop() {
        junction.close();
    }

    private static RawHttp.Answer exchange(String raw) {
        try (RawHttp client = RawHttp.connect(junction.gateway().port())) {
            RawHttp.Answer answer = client.send(raw).read();
            assertThat(client.closedWithin(2000)).as("the connection is closed after the error").isTrue();
            return answer;
        }
    }

    private static JsonNode json(RawHttp.Answer answer) {
        try {
            return Json.MAPPER.readTree(answer.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + answer.body(), e);
        }
    }

    private static void assertOpenAiError(RawHttp.Answer answer, int status, String code) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.header("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(answer.header("x-request-id")).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
        JsonNode error = json(answer).path("error");
        assertThat(error.path("message").asText()).isNotBlank().hasSizeLessThan(300);
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        if (code != null) {
            assertThat(error.path("code").asText()).isEqualTo(code);
        }
    }

    @Test
    void badContentLengthIs400() {
        RawHttp.Answer answer = exchange("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 12abc\r\n"
                + "Content-Type: application/json\r\n\r\n{}");
        assertOpenAiError(answer, 400, null);
        assertThat(json(answer).path("error").path("param").asText()).isEqualTo("Content-Length");
    }

    @Test
    void twoDifferentContentLengthsAre400() {
        assertOpenAiError(exchange("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
                + "Content-Length: 3\r\n\r\n{}"), 400, null);
    }

    @Test
    void badChunkSizeIs400InTheDoorsShape() {
        RawHttp.Answer answer = exchange("POST /v1beta/models/gemini-2.5-flash:generateContent HTTP/1.1\r\nHost: x\r\n"
                + "x-goog-api-key: " + token + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "ZZZZ\r\n{}\r\n0\r\n\r\n");
        assertThat(answer.status()).isEqualTo(400);
        JsonNode error = json(answer).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(400);
        assertThat(error.path("status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(error.path("message").asText()).contains("not framed correctly");
        assertThat(answer.header("x-request-id")).isPresent();
    }

    @Test
    void urlTooLongIs414() {
        assertOpenAiError(exchange("GET /v1/models?q=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"), 414,
                "uri_too_long");
    }

    @Test
    void headersTooLargeAre431() {
        RawHttp.Answer answer = exchange("GET /v1/messages HTTP/1.1\r\nHost: x\r\nx-big: " + "b".repeat(70_000)
                + "\r\n\r\n");
        assertThat(answer.status()).isEqualTo(431);
        assertThat(json(answer).path("error").path("message").asText()).contains("headers are larger");
    }

    @Test
    void badRequestLineIs400() {
        assertOpenAiError(exchange("THIS IS NOT HTTP\r\n\r\n"), 400, null);
        assertOpenAiError(exchange("GET\r\n\r\n"), 400, null);
    }

    @Test
    void http2RequestLineIs505() {
        RawHttp.Answer answer = exchange("GET /v1/models HTTP/2.0\r\nHost: x\r\n\r\n");
        assertOpenAiError(answer, 505, "http_version_not_supported");
        assertThat(json(answer).path("error").path("message").asText()).contains("HTTP/2.0");
    }

    @Test
    void http99RequestLineIs505() {
        assertOpenAiError(exchange("GET /v1/models HTTP/9.9\r\nHost: x\r\n\r\n"), 505, "http_version_not_supported");
    }

    @Test
    void h2cPriorKnowledgePrefaceIsNotServedAsHttp2() {
        RawHttp.Answer answer = exchange("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
        assertThat(answer.status()).isEqualTo(505);
        assertThat(json(answer).path("error").path("code").asText()).isEqualTo("http_version_not_supported");
    }

    @Test
    void h2cUpgradeIsIgnoredAndServedAsHttp11() {
        try (RawHttp client = RawHttp.connect(junction.gateway().port())) {
            RawHttp.Answer answer = client.send("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                    + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n").read();
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.header("upgrade")).isEmpty();
            assertThat(answer.body()).isEqualTo("{\"status\":\"ok\"}");
            // Still HTTP/1.1 on the same connection.
            assertThat(client.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").read().status()).isEqualTo(200);
        }
    }

    @Test
    void theGatewayKeepsServingAfterHttpErrors() {
        exchange("GET /v1/models HTTP/9.9\r\nHost: x\r\n\r\n");
        exchange("THIS IS NOT HTTP\r\n\r\n");
        assertThat(junction.get("/v1/models", Map.of("Authorization", "Bearer " + token)).statusCode()).isEqualTo(200);
    }
}
