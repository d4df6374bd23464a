package dev.junction.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.gateway.testing.RawHttp;
import dev.junction.gateway.testing.TestGateway;
import dev.junction.protocol.Json;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /admin/*} decides from the headers first: a caller without the admin token, or any
 * caller while the admin API is off, is answered before its body is read (the test never sends
 * one), and a body is capped at 1 MB while it streams in (413).
 */
class AdminBodiesTest {
    private static final String ADMIN_TOKEN = "admin-token-0123456789abcdef";

    @TempDir
    static Path dir;

    static TestGateway enabled;
    static TestGateway disabled;

    @BeforeAll
    static void start() {
        enabled = TestGateway.start(dir.resolve("enabled"), "admin_token: " + ADMIN_TOKEN);
        disabled = TestGateway.start(dir.resolve("disabled"));
    }

    @AfterAll
    static void stop() {
        enabled.close();
        disabled.close();
    }

    private static String head(String authorization, String lengthHeader) {
        return "POST /admin/v1/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + (authorization == null ? "" : "Authorization: Bearer " + authorization + "\r\n") + lengthHeader + "\r\n";
    }

    private static JsonNode error(RawHttp.Answer answer) throws IOException {
        return Json.MAPPER.readTree(answer.body()).path("error");
    }

    @Test
    void adminApiOffAnswersBeforeTheBodyIsRead() throws Exception {
        try (RawHttp client = RawHttp.connect(disabled.gateway().port())) {
            RawHttp.Answer answer = client.send(head(null, "Content-Length: 50000000\r\n")).read();
            assertThat(answer.status()).isEqualTo(404);
            assertThat(error(answer).path("message").asText()).contains("admin API is disabled");
            assertThat(client.closedWithin(2000)).isTrue();
        }
    }

    @Test
    void aWrongAdminTokenIsRefusedBeforeTheBodyIsRead() throws Exception {
        try (RawHttp client = RawHttp.connect(enabled.gateway().port())) {
            RawHttp.Answer answer = client.send(head("not-the-admin-token", "Content-Length: 50000000\r\n")).read();
            assertThat(answer.status()).isEqualTo(401);
            assertThat(error(answer).path("code").asText()).isEqualTo("invalid_admin_token");
            assertThat(client.closedWithin(2000)).isTrue();
        }
        try (RawHttp client = RawHttp.connect(enabled.gateway().port())) {
            assertThat(client.send(head(null, "Transfer-Encoding: chunked\r\n")).read().status()).isEqualTo(401);
        }
    }

    @Test
    void adminBodyDeclaredOver1MbIs413() throws Exception {
        try (RawHttp client = RawHttp.connect(enabled.gateway().port())) {
            RawHttp.Answer answer = client.send(head(ADMIN_TOKEN, "Content-Length: 2000000\r\n")).read();
            assertThat(answer.status()).isEqualTo(413);
            assertThat(error(answer).path("message").asText()).contains("1 MB");
            assertThat(client.closedWithin(2000)).isTrue();
        }
    }

    @Test
    void aClientStillSendingTheBodyItDeclaredReadsThe413RatherThanAReset() throws Exception {
        // Junction answers at once, before the 2 MB arrive; the client writes on, then reads. A
        // server that closed while unread bytes sat in its socket would send a reset, and the
        // client's kernel would drop the 413 it had not read yet.
        try (RawHttp client = RawHttp.connect(enabled.gateway().port())) {
            client.send(head(ADMIN_TOKEN, "Content-Length: 2000000\r\n"));
            String piece = "x".repeat(64 * 1024);
            int sent = 0;
            while (sent < 2_000_000 - piece.length() && client.trySend(piece)) {
                sent += piece.length();
                Thread.sleep(sent == piece.length() ? 200 : 0);
            }
            assertThat(sent).as("the rest of the body was drained, not refused").isGreaterThan(1_900_000);
            RawHttp.Answer answer = client.read();
            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.header("connection")).contains("close");
            assertThat(client.closedWithin(2000)).isTrue();
        }
    }

    @Test
    void adminBodyStreamingPast1MbIs413() throws Exception {
        try (RawHttp client = RawHttp.connect(enabled.gateway().port())) {
            client.send(head(ADMIN_TOKEN, "Transfer-Encoding: chunked\r\n"));
            String chunk = "x".repeat(64 * 1024);
            for (int i = 0; i < 17; i++) {
                if (!client.trySend(Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n")) {
                    break;
                }
            }
            RawHttp.Answer answer = client.read();
            assertThat(answer.status()).isEqualTo(413);
            assertThat(error(answer).path("code").asText()).isEqualTo("request_too_large");
        }
    }

    @Test
    void aNormalAdminRequestIsServed() throws Exception {
        String body = "{\"name\":\"bodies-ok\"}";
        try (RawHttp client = RawHttp.connect(enabled.gateway().port())) {
            RawHttp.Answer answer = client.send(head(ADMIN_TOKEN, "Content-Length: " + body.length() + "\r\n") + body)
                    .read();
            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
            assertThat(Json.MAPPER.readTree(answer.body()).path("secret").asText()).startsWith("jn-");
        }
    }
}
