package dev.junction.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.gateway.testing.TestGateway;
import dev.junction.protocol.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's sign-in, session cookie, CSRF check and its calls onto the admin API, over HTTP. */
class ConsoleTest {
    static final String ADMIN = "console-admin-token-0123456789abcdef";

    @TempDir
    Path dir;
    TestGateway junction;

    @BeforeEach
    void start() {
        junction = TestGateway.start(dir, mockUrl -> """
                server:
                  port: 0
                data_dir: %s
                admin_token: "%s"
                upstreams:
                  - name: gemini
                    base_url: %s
                    api_keys: [%s]
                    models: ["gemini-*"]
                """.formatted(dir.resolve("data"), ADMIN, mockUrl, TestGateway.UPSTREAM_KEY));
    }

    @AfterEach
    void stop() {
        junction.close();
    }

    HttpResponse<String> send(String method, String path, Map<String, String> headers, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(junction.uri(path));
        headers.forEach(b::header);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return junction.send(b.build());
    }

    HttpResponse<String> login(String token, Map<String, String> extra) {
        Map<String, String> headers = new java.util.HashMap<>(extra);
        headers.putIfAbsent("Content-Type", "application/json");
        return send("POST", "/console/login", headers, "{\"token\":\"" + token + "\"}");
    }

    static String cookie(HttpResponse<String> r) {
        String set = r.headers().firstValue("Set-Cookie").orElseThrow();
        return set.substring(0, set.indexOf(';'));
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void signingInGivesAnHttpOnlyStrictCookieAndTheApiNeedsItAndTheCsrfToken() throws Exception {
        HttpResponse<String> wrong = login("not-the-admin-token", Map.of());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).at("/error/message").asText()).isEqualTo("That is not the admin token.");
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();

        HttpResponse<String> ok = login(ADMIN, Map.of());
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        String setCookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).matches("junction_console=[A-Za-z0-9_-]{43}; Path=/console; Max-Age=1800; HttpOnly; "
                + "SameSite=Strict");
        assertThat(ok.body()).doesNotContain(ADMIN).doesNotContain(cookie(ok).substring("junction_console=".length()));
        String csrf = json(ok).get("csrf").asText();
        String cookie = cookie(ok);

        assertThat(send("GET", "/console/api/tokens", Map.of(), null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/console/api/tokens", Map.of("Cookie", "junction_console=forged"), null).statusCode())
                .isEqualTo(401);
        HttpResponse<String> list = send("GET", "/console/api/tokens", Map.of("Cookie", cookie), null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(json(list).get("data")).isEmpty();
        assertThat(json(send("GET", "/console/api/session", Map.of("Cookie", cookie), null)).get("csrf").asText())
                .isEqualTo(csrf);

        String create = "{\"name\":\"team-a\",\"rpm\":5}";
        HttpResponse<String> noCsrf = send("POST", "/console/api/tokens",
                Map.of("Cookie", cookie, "Content-Type", "application/json"), create);
        assertThat(noCsrf.statusCode()).isEqualTo(403);
        assertThat(json(noCsrf).at("/error/code").asText()).isEqualTo("csrf_token_mismatch");
        HttpResponse<String> badCsrf = send("POST", "/console/api/tokens",
                Map.of("Cookie", cookie, "Content-Type", "application/json", "X-CSRF-Token", csrf + "x"), create);
        assertThat(badCsrf.statusCode()).isEqualTo(403);
        assertThat(json(send("GET", "/console/api/tokens", Map.of("Cookie", cookie), null)).get("data"))
                .as("nothing was created without the CSRF token").isEmpty();

        HttpResponse<String> created = send("POST", "/console/api/tokens",
                Map.of("Cookie", cookie, "Content-Type", "application/json", "X-CSRF-Token", csrf), create);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created).get("secret").asText()).startsWith("jn-");
        assertThat(json(created).at("/token/rpm").asInt()).isEqualTo(5);

        HttpResponse<String> patched = send("PATCH", "/console/api/tokens/team-a",
                Map.of("Cookie", cookie, "Content-Type", "application/json", "X-CSRF-Token", csrf), "{\"rpm\":7}");
        assertThat(json(patched).get("rpm").asInt()).isEqualTo(7);
        HttpResponse<String> audit = send("GET", "/console/api/audit", Map.of("Cookie", cookie), null);
        assertThat(json(audit).get("data")).extracting(e -> e.get("action").asText())
                .containsExactlyInAnyOrder("token.create", "token.update");

        assertThat(send("POST", "/console/logout", Map.of("Cookie", cookie), "{}").statusCode())
                .as("logout needs the CSRF token too").isEqualTo(403);
        HttpResponse<String> out = send("POST", "/console/logout", Map.of("Cookie", cookie, "X-CSRF-Token", csrf), "{}");
        assertThat(out.statusCode()).isEqualTo(200);
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("junction_console=; Path=/console; Max-Age=0");
        assertThat(send("GET", "/console/api/tokens", Map.of("Cookie", cookie), null).statusCode()).isEqualTo(401);
    }

    @Test
    void aBodyOverTheLimitIsRefusedWithout401sOr5xx() throws Exception {
        // The answer comes before the body has been read; the client, still writing, must read it
        // every time rather than a reset connection, whatever the size of what it is still sending.
        for (int kb : new int[] {300, 300, 1024, 4096, 300, 2048, 300, 1024}) {
            HttpResponse<String> big = send("POST", "/console/login", Map.of("Content-Type", "application/json"),
                    "{\"token\":\"" + "x".repeat(kb * 1024) + "\"}");
            assertThat(big.statusCode()).as(kb + " KB").isEqualTo(413);
            assertThat(json(big).at("/error/code").asText()).isEqualTo("request_too_large");
        }
    }

    @Test
    void theCookieIsSecureWhenTheBrowserCameOverTls() {
        HttpResponse<String> ok = login(ADMIN, Map.of("X-Forwarded-Proto", "https"));
        assertThat(ok.headers().firstValue("Set-Cookie").orElseThrow()).endsWith("; HttpOnly; SameSite=Strict; Secure");
    }

    @Test
    void signInNeedsAJsonBodySoThatNoCrossSiteFormCanSignIn() throws Exception {
        HttpResponse<String> form = login(ADMIN, Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(form.headers().firstValue("Set-Cookie")).isEmpty();
        HttpResponse<String> empty = send("POST", "/console/login", Map.of("Content-Type", "application/json"), "{}");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(json(empty).at("/error/message").asText()).isEqualTo("Enter the admin token.");
        assertThat(send("GET", "/console/login", Map.of(), null).statusCode()).isEqualTo(405);
    }

    @Test
    void thePagesAndTheChartLibraryAreServedFromTheJarWithAStrictContentSecurityPolicy() {
        HttpResponse<String> index = send("GET", "/console", Map.of(), null);
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).contains("text/html; charset=UTF-8");
        assertThat(index.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'").contains("frame-ancestors 'none'");
        assertThat(index.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(index.body()).contains("<script type=\"module\" src=\"/console/app.js\">");
        assertThat(send("GET", "/console/", Map.of(), null).body()).isEqualTo(index.body());

        HttpResponse<String> echarts = send("GET", "/console/vendor/echarts.min.js", Map.of(), null);
        assertThat(echarts.statusCode()).isEqualTo(200);
        assertThat(echarts.headers().firstValue("Content-Type")).contains("text/javascript; charset=UTF-8");
        assertThat(echarts.body()).contains("echarts").hasSizeGreaterThan(500_000);
        assertThat(send("GET", "/console/pages/overview.js", Map.of(), null).statusCode()).isEqualTo(200);

        assertThat(send("GET", "/console/../junction.yaml", Map.of(), null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/console/%2e%2e/junction.yaml", Map.of(), null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/console/META-INF/MANIFEST.MF", Map.of(), null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/console/nothing.js", Map.of(), null).statusCode()).isEqualTo(404);
    }
}
