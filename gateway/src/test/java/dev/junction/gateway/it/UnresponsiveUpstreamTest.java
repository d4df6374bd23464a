package dev.junction.gateway.it;

import static dev.junction.gateway.testing.TestGateway.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.gateway.testing.TestGateway;
import dev.junction.protocol.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upstream that never answers, or that cannot be reached at all, gets the client a clear 504
 * or 502 in its own protocol within the configured timeout: never a hang.
 */
class UnresponsiveUpstreamTest {
    @TempDir
    static Path dir;

    static TestGateway junction;
    static String token;

    @BeforeAll
    static void start() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort(); // free again once closed: nothing listens there
        }
        int unreachable = closedPort;
        junction = TestGateway.start(dir, mockUrl -> """
                server:
                  port: 0
                data_dir: %s
                upstreams:
                  - name: gone
                    base_url: http://127.0.0.1:%d
                    api_keys: [k]
                    models: ["gemini-gone-*"]
                    connect_timeout: 1s
                  - name: gemini
                    base_url: %s
                    api_keys: [%s]
                    models: ["gemini-*"]
                    read_timeout: 1s
                """.formatted(dir.resolve("data"), unreachable, mockUrl, TestGateway.UPSTREAM_KEY));
        token = junction.issue("patient");
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
    void aHangingUpstreamIsA504InBothProtocols() {
        long start = System.nanoTime();
        HttpResponse<String> gemini = junction.post("/v1beta/models/gemini-2.5-flash:generateContent", bearer(token),
                "{\"contents\":[{\"parts\":[{\"text\":\"wait mock:hang\"}]}]}");
        assertThat(gemini.statusCode()).isEqualTo(504);
        assertThat(json(gemini).at("/error/status").asText()).isEqualTo("DEADLINE_EXCEEDED");
        HttpResponse<String> openai = junction.post("/v1/chat/completions", bearer(token),
                "{\"model\":\"gemini-2.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"wait mock:hang\"}]}");
        assertThat(openai.statusCode()).isEqualTo(504);
        assertThat(json(openai).at("/error/type").asText()).isEqualTo("server_error");
        assertThat(json(openai).at("/error/code").asText()).isEqualTo("timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void anUpstreamThatStallsMidStreamEndsTheStreamWithAnError() {
        HttpResponse<String> response = junction.post(
                "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", bearer(token),
                "{\"contents\":[{\"parts\":[{\"text\":\"poem mock:hang-after=2\"}]}]}");
        assertThat(response.statusCode()).isEqualTo(200);
        String[] events = response.body().split("\r\n\r\n");
        assertThat(events).hasSize(3);
        assertThat(events[2]).startsWith("data: {\"error\":").contains("DEADLINE_EXCEEDED");
    }

    @Test
    void anUnreachableUpstreamIsA502() {
        HttpResponse<String> gemini = junction.post("/v1beta/models/gemini-gone-1:generateContent", bearer(token),
                "{\"contents\":[{\"parts\":[{\"text\":\"hello\"}]}]}");
        assertThat(gemini.statusCode()).isEqualTo(502);
        assertThat(json(gemini).at("/error/message").asText()).contains("Cannot reach the upstream 'gone'");
        HttpResponse<String> openai = junction.post("/v1/chat/completions", bearer(token),
                "{\"model\":\"gemini-gone-1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(openai.statusCode()).isEqualTo(502);
        assertThat(json(openai).at("/error/type").asText()).isEqualTo("server_error");
    }

    @Test
    void theGatewayKeepsServingAfterwards() {
        assertThat(junction.post("/v1beta/models/gemini-2.5-flash:generateContent", bearer(token),
                "{\"contents\":[{\"parts\":[{\"text\":\"still there?\"}]}]}").statusCode()).isEqualTo(200);
    }
}
