package dev.junction.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.gateway.testing.RawHttp;
import dev.junction.gateway.testing.TestGateway;
import dev.junction.protocol.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request bodies count against one budget for all requests ({@code server.max_request_bytes_in_flight},
 * 96 KB here), by the bytes that arrived, never by the {@code Content-Length} a client declares;
 * a body the budget cannot hold is a 503 with {@code Retry-After} in the door's shape, and the
 * memory comes back when its request ends.
 */
class RequestMemoryTest {
    @TempDir
    static Path dir;

    static TestGateway junction;
    static String token;

    @BeforeAll
    static void start() {
        junction = TestGateway.start(dir, """
                max_body_bytes: 64KB
                max_request_bytes_in_flight: 96KB
                """, "");
        token = junction.issue("memory");
    }

    @AfterAll
    static void stop() {
        junction.close();
    }

    /** A chat request padded to about {@code size} bytes. */
    private static String chat(int size) {
        String head = "{\"model\":\"gemini-2.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"";
        String tail = "\"}]}";
        return head + "a".repeat(size - head.length() - tail.length()) + tail;
    }

    private static RawHttp holdBody(String path, int declared, int sent) {
        RawHttp client = RawHttp.connect(junction.gateway().port());
        client.send("POST " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token + "\r\nx-goog-api-key: "
                + token + "\r\nContent-Type: application/json\r\nContent-Length: " + declared + "\r\n\r\n"
                + "{\"a\":\"" + "x".repeat(sent - 6));
        return client;
    }

    @Test
    void declaredContentLengthIsNotTakenUpFront() throws Exception {
        // Three clients each announce 60 KB (180 KB in all, far past the budget) and send 10 bytes.
        RawHttp[] announcers = {holdBody("/v1/chat/completions", 60_000, 10), holdBody("/v1/chat/completions", 60_000, 10),
                holdBody("/v1/chat/completions", 60_000, 10)};
        try {
            Thread.sleep(200);
            HttpResponse<String> served = junction.post("/v1/chat/completions", TestGateway.bearer(token), chat(40_000));
            assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
        } finally {
            for (RawHttp a : announcers) {
                a.close();
            }
        }
    }

    @Test
    void requestBytesPastTheBudgetAre503WithRetryAfterInTheDoorsShape() throws Exception {
        RawHttp holder = holdBody("/v1/chat/completions", 64_000, 60_000);
        try {
            Thread.sleep(300); // the 60 KB arrive and are held while the rest never comes

            HttpResponse<String> openai = junction.post("/v1/chat/completions", TestGateway.bearer(token), chat(50_000));
            assertThat(openai.statusCode()).as(openai.body()).isEqualTo(503);
            assertThat(openai.headers().firstValue("Retry-After")).hasValue("1");
            JsonNode error = Json.MAPPER.readTree(openai.body()).path("error");
            assertThat(error.path("type").asText()).isEqualTo("server_error");
            assertThat(error.path("code").asText()).isEqualTo("overloaded");

            HttpResponse<String> gemini = junction.post("/v1beta/models/gemini-2.5-flash:generateContent",
                    java.util.Map.of("x-goog-api-key", token, "Content-Type", "application/json"),
                    "{\"contents\":[{\"parts\":[{\"text\":\"" + "b".repeat(50_000) + "\"}]}]}");
            assertThat(gemini.statusCode()).isEqualTo(503);
            assertThat(Json.MAPPER.readTree(gemini.body()).path("error").path("status").asText()).isEqualTo("UNAVAILABLE");

            HttpResponse<String> anthropic = junction.post("/v1/messages",
                    java.util.Map.of("x-api-key", token, "Content-Type", "application/json", "anthropic-version", "2023-06-01"),
                    "{\"model\":\"gemini-2.5-flash\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\""
                            + "c".repeat(50_000) + "\"}]}");
            assertThat(anthropic.statusCode()).isEqualTo(503);
            assertThat(Json.MAPPER.readTree(anthropic.body()).path("error").path("type").asText())
                    .isEqualTo("overloaded_error");

            // A small body still fits beside the one held.
            assertThat(junction.post("/v1/chat/completions", TestGateway.bearer(token), chat(2_000)).statusCode())
                    .isEqualTo(200);
        } finally {
            holder.close();
        }
        // The holder left: its memory is back.
        long deadline = System.currentTimeMillis() + 5000;
        int status = 0;
        while (System.currentTimeMillis() < deadline && status != 200) {
            status = junction.post("/v1/chat/completions", TestGateway.bearer(token), chat(50_000)).statusCode();
            Thread.sleep(50);
        }
        assertThat(status).isEqualTo(200);
    }

    @Test
    void aClientStillSendingTheBodyItDeclaredReadsThe413RatherThanAReset() throws Exception {
        for (String path : new String[] {"/v1/chat/completions", "/v1beta/models/gemini-2.5-flash:generateContent",
                "/v1/messages"}) {
            try (RawHttp client = RawHttp.connect(junction.gateway().port())) {
                client.send("POST " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                        + "\r\nx-goog-api-key: " + token + "\r\nx-api-key: " + token
                        + "\r\nanthropic-version: 2023-06-01\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n");
                String piece = "x".repeat(32 * 1024);
                int sent = 0;
                while (sent < 1_000_000 - piece.length() && client.trySend(piece)) {
                    sent += piece.length();
                    Thread.sleep(sent == piece.length() ? 200 : 0);
                }
                assertThat(sent).as(path + ": the rest of the body was drained, not refused").isGreaterThan(900_000);
                RawHttp.Answer answer = client.read();
                assertThat(answer.status()).as(path).isEqualTo(413);
            }
        }
    }
}
