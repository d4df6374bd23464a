package dev.junction.mock.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class MockGeminiServerTest {
    private static final String KEY = "mock-key-1";
    private static MockGeminiServer mock;
    private static HttpClient client;

    @BeforeAll
    static void start() {
        mock = MockGeminiServer.start(MockGeminiConfig.defaults().withAcceptedKeys(Set.of(KEY)));
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        mock.close();
    }

    @BeforeEach
    void forget() {
        mock.clear();
    }

    @Test
    void sseStreamIsFramedExactlyLikeGoogle() throws Exception {
        HttpResponse<String> response = post("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
                prompt("Tell me about the sea and the sky and the wind please"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
        String body = response.body();
        assertThat(body).endsWith("\r\n\r\n").doesNotContain("[DONE]");
        List<String> events = Arrays.asList(body.substring(0, body.length() - 4).split("\r\n\r\n", -1));
        assertThat(events).hasSizeGreaterThanOrEqualTo(3);
        int previous = 0;
        for (int i = 0; i < events.size(); i++) {
            String event = events.get(i);
            assertThat(event).startsWith("data: {\"candidates\": [").doesNotContain("\n").doesNotContain("\r");
            JsonNode json = Json.MAPPER.readTree(event.substring("data: ".length()));
            int candidates = json.path("usageMetadata").path("candidatesTokenCount").asInt();
            assertThat(candidates).isGreaterThan(previous);
            previous = candidates;
            assertThat(json.path("candidates").path(0).has("finishReason")).isEqualTo(i == events.size() - 1);
        }
    }

    @Test
    void streamWithoutAltIsOneJsonArrayJoinedByCrlf() throws Exception {
        HttpResponse<String> response = post("/v1beta/models/gemini-2.5-flash:streamGenerateContent",
                prompt("array please mock:events=3"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json; charset=UTF-8");
        String body = response.body();
        assertThat(body).startsWith("[{\n  \"candidates\": [").endsWith("}]");
        assertThat(body.split("\\}\\,\r\n\\{", -1)).hasSize(3);
        JsonNode array = Json.MAPPER.readTree(body);
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(3);
        assertThat(array.get(2).path("candidates").path(0).path("finishReason").asText()).isEqualTo("STOP");
    }

    @Test
    void unaryAnswersArePrettyJsonWithTheRightStatus() throws Exception {
        HttpResponse<String> response = post("/v1/models/gemini-2.5-flash:generateContent", prompt("hello"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json; charset=UTF-8");
        assertThat(response.body()).startsWith("{\n  \"candidates\": [\n").endsWith("}\n");

        HttpResponse<String> alpha = post("/v1alpha/models/models/gemini-3-flash-preview:countTokens", prompt("hello world!"));
        assertThat(alpha.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(alpha.body()).path("totalTokens").asInt()).isEqualTo(3);
    }

    @Test
    void errorsCarryGooglesStatusAndBody() throws Exception {
        HttpResponse<String> limited = post("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
                prompt("x mock:error=429"));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.body()).startsWith("{\n  \"error\": {\n    \"code\": 429,").doesNotContain("data:");
        assertThat(Json.MAPPER.readTree(limited.body()).path("error").path("status").asText()).isEqualTo("RESOURCE_EXHAUSTED");

        HttpResponse<String> malformed = post("/v1beta/models/gemini-2.5-flash:generateContent", "{\"contents\": [");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(malformed.body()).path("error").path("message").asText())
                .startsWith("Invalid JSON payload received.");

        HttpResponse<String> unknown = post("/v1beta/models/gemini-9:generateContent", prompt("x"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Json.MAPPER.readTree(unknown.body()).path("error").path("message").asText())
                .startsWith("models/gemini-9 is not found for API version v1beta");

        HttpResponse<String> html = post("/v1beta/models/gemini-2.5-flash:generateContent", prompt("x mock:status=503"));
        assertThat(html.statusCode()).isEqualTo(503);
        assertThat(html.headers().firstValue("content-type")).hasValue("text/html; charset=UTF-8");
        assertThat(html.body()).startsWith("<!DOCTYPE html>");

        HttpResponse<String> noSuchPath = send(HttpRequest.newBuilder(uri("/v1beta/files")).header("x-goog-api-key", KEY).GET());
        assertThat(noSuchPath.statusCode()).isEqualTo(404);
    }

    @Test
    void keysAreCheckedLikeGoogle() throws Exception {
        String body = prompt("hi");
        HttpResponse<String> wrong = send(HttpRequest.newBuilder(uri("/v1beta/models/gemini-2.5-flash:generateContent"))
                .header("x-goog-api-key", "stolen-key").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(wrong.statusCode()).isEqualTo(400);
        JsonNode error = Json.MAPPER.readTree(wrong.body()).path("error");
        assertThat(error.path("details").path(0).path("reason").asText()).isEqualTo("API_KEY_INVALID");
        assertThat(error.path("details").path(2).path("detail").asText()).isEqualTo("Invalid API key: stolen-key");

        HttpResponse<String> missing = send(HttpRequest.newBuilder(uri("/v1beta/models/gemini-2.5-flash:generateContent"))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(Json.MAPPER.readTree(missing.body()).path("error").path("message").asText())
                .startsWith("Method doesn't allow unregistered callers");

        HttpResponse<String> bearer = send(HttpRequest.newBuilder(uri("/v1beta/models/gemini-2.5-flash:generateContent"))
                .header("Authorization", "Bearer " + KEY).POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(bearer.statusCode()).isEqualTo(401);
        assertThat(Json.MAPPER.readTree(bearer.body()).path("error").path("status").asText()).isEqualTo("UNAUTHENTICATED");

        HttpResponse<String> query = send(HttpRequest.newBuilder(uri("/v1beta/models/gemini-2.5-flash:generateContent?key=" + KEY))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(query.statusCode()).isEqualTo(200);
    }

    @Test
    void modelsAreListedAndFetched() throws Exception {
        HttpResponse<String> list = send(HttpRequest.newBuilder(uri("/v1beta/models?pageSize=5")).header("x-goog-api-key", KEY).GET());
        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode page = Json.MAPPER.readTree(list.body());
        assertThat(page.path("models")).hasSize(5);
        HttpResponse<String> next = send(HttpRequest.newBuilder(
                uri("/v1beta/models?pageSize=5&pageToken=" + page.path("nextPageToken").asText()))
                .header("x-goog-api-key", KEY).GET());
        assertThat(Json.MAPPER.readTree(next.body()).path("models")).hasSize(4);

        HttpResponse<String> one = send(HttpRequest.newBuilder(uri("/v1beta/models/gemini-3.1-pro-preview"))
                .header("x-goog-api-key", KEY).GET());
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(one.body()).path("name").asText()).isEqualTo("models/gemini-3.1-pro-preview");
    }

    @Test
    void receivedRequestsAreRecordedExactly() throws Exception {
        String body = "{\"contents\":[{\"parts\":[{\"text\":\"record me\"}]}],\"unknownField\":{\"kept\":true}}";
        send(HttpRequest.newBuilder(uri("/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse"))
                .header("x-goog-api-key", KEY).header("x-custom", "a").POST(HttpRequest.BodyPublishers.ofString(body)));

        assertThat(mock.received()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.pathAndQuery()).isEqualTo("/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse");
            assertThat(r.path()).isEqualTo("/v1beta/models/gemini-2.5-pro:streamGenerateContent");
            assertThat(r.header("X-Goog-Api-Key")).hasValue(KEY);
            assertThat(r.header("x-custom")).hasValue("a");
            assertThat(r.bodyText()).isEqualTo(body);
            assertThat(r.bodyJson().path("unknownField").path("kept").asBoolean()).isTrue();
        });
        mock.clear();
        assertThat(mock.received()).isEmpty();
    }

    @Test
    void theLogKeepsOnlyTheLastRequests() throws Exception {
        try (MockGeminiServer small = MockGeminiServer.start(MockGeminiConfig.defaults().withRecordLimit(3))) {
            for (int i = 0; i < 5; i++) {
                client.send(HttpRequest.newBuilder(URI.create(small.baseUrl() + "/v1beta/models/gemini-2.5-flash:countTokens"))
                        .header("x-goog-api-key", "k").timeout(Duration.ofSeconds(5))
                        .POST(HttpRequest.BodyPublishers.ofString(prompt("n" + i))).build(), HttpResponse.BodyHandlers.ofString());
            }
            List<String> bodies = new ArrayList<>();
            small.received().forEach(r -> bodies.add(r.bodyJson().path("contents").path(0).path("parts").path(0)
                    .path("text").asText()));
            assertThat(bodies).containsExactly("n2", "n3", "n4");
            assertThat(small.received().get(2).sequence()).isEqualTo(5);
        }
    }

    @Test
    void delayHoldsTheFirstByte() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = post("/v1beta/models/gemini-2.5-flash:generateContent", prompt("slow mock:delay-ms=300"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void hangSendsNothingAndTheServerKeepsServing() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/v1beta/models/gemini-2.5-flash:generateContent"))
                .header("x-goog-api-key", KEY).timeout(Duration.ofMillis(500))
                .POST(HttpRequest.BodyPublishers.ofString(prompt("x mock:hang"))).build();
        assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);

        RawHttp.Outcome raw = RawHttp.post(mock.port(), "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
                prompt("x mock:hang"), 500);
        assertThat(raw.timedOut()).isTrue();
        assertThat(raw.raw()).isEmpty();

        assertThat(post("/v1beta/models/gemini-2.5-flash:generateContent", prompt("still there?")).statusCode()).isEqualTo(200);
    }

    @Test
    void hangAfterStreamsThenStalls() throws Exception {
        RawHttp.Outcome raw = RawHttp.post(mock.port(), "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
                prompt("x mock:hang-after=2"), 700);
        assertThat(raw.timedOut()).isTrue();
        assertThat(raw.raw()).startsWith("HTTP/1.1 200 OK");
        assertThat(count(raw.raw(), "data: ")).isEqualTo(2);
        assertThat(raw.endsChunkedBody()).isFalse();
    }

    @Test
    void resetAfterAbortsWithoutACleanEnd() throws Exception {
        RawHttp.Outcome raw = RawHttp.post(mock.port(), "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
                prompt("x mock:reset-after=2"), 5_000);
        assertThat(raw.timedOut()).isFalse();
        assertThat(count(raw.raw(), "data: ")).isEqualTo(2);
        assertThat(raw.endsChunkedBody()).isFalse();

        HttpRequest request = HttpRequest.newBuilder(uri("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse"))
                .header("x-goog-api-key", KEY).timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(prompt("x mock:reset-after=2"))).build();
        assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);

        RawHttp.Outcome unary = RawHttp.post(mock.port(), "/v1beta/models/gemini-2.5-flash:generateContent",
                prompt("x mock:reset-after=0"), 5_000);
        assertThat(unary.raw()).isEmpty();
        assertThat(unary.timedOut()).isFalse();
    }

    @Test
    void garbageAndMidstreamErrorEndTheStreamCleanly() throws Exception {
        String garbage = post("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
                prompt("x mock:garbage-after=1")).body();
        assertThat(count(garbage, "data: ")).isEqualTo(2);
        assertThat(garbage).endsWith("\r\n\r\ndata: {\"candidates\": [{\"content\": <garbage>\r\n\r\n");

        String error = post("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
                prompt("x mock:midstream-error")).body();
        assertThat(count(error, "data: ")).isEqualTo(3);
        assertThat(error).endsWith("\r\n\r\ndata: {\"error\": {\"code\": 500,\"message\": \"An internal error has occurred. "
                + "Please retry or report in https://developers.generativeai.google/guide/troubleshooting\",\"status\": "
                + "\"INTERNAL\"}}\r\n\r\n");
    }

    @Test
    void closingTheServerEndsStalledConnections() throws Exception {
        MockGeminiServer own = MockGeminiServer.start();
        Thread client = Thread.ofVirtual().start(() -> {
            try {
                RawHttp.post(own.port(), "/v1beta/models/gemini-2.5-flash:generateContent", prompt("x mock:hang"), 15_000);
            } catch (IOException ignored) {
                // the connection is dropped: that is the point
            }
        });
        Thread.sleep(300);
        long start = System.nanoTime();
        own.close();
        client.join(Duration.ofSeconds(10));
        assertThat(client.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }

    private static String prompt(String text) {
        return Requests.prompt(text).toString();
    }

    private static URI uri(String path) {
        return URI.create(mock.baseUrl() + path);
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("x-goog-api-key", KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
