package dev.junction.gateway.it;

import static dev.junction.gateway.testing.TestGateway.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.gateway.access.ModelAllowlist;
import dev.junction.gateway.access.NewToken;
import dev.junction.gateway.access.TokenLimits;
import dev.junction.mock.gemini.ReceivedRequest;
import dev.junction.gateway.testing.TestGateway;
import dev.junction.gateway.usage.UsageRecord;
import dev.junction.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Gemini-native API over raw HTTP, as the spec's curl examples call it: authentication in
 * all three places, faithful passthrough, and every kind of hostile input and hostile upstream
 * answered in Google's error shape while the gateway keeps serving.
 */
class GeminiNativeHttpTest {
    private static final String GENERATE = "/v1beta/models/gemini-2.5-flash:generateContent";
    private static final String STREAM = "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse";

    @TempDir
    static Path dir;

    static TestGateway junction;
    static String token;

    @BeforeAll
    static void start() {
        junction = TestGateway.start(dir);
        token = junction.issue("native-user");
    }

    @AfterAll
    static void stop() {
        junction.close();
    }

    @BeforeEach
    void clear() {
        junction.mock().clear();
    }

    @AfterEach
    void stillServing() {
        HttpResponse<String> ok = junction.post(GENERATE, bearer(token), prompt("are you still there?"));
        assertThat(ok.statusCode()).as("the gateway keeps serving").isEqualTo(200);
    }

    private static String prompt(String text) {
        return "{\"contents\":[{\"parts\":[{\"text\":" + Json.MAPPER.valueToTree(text) + "}]}]}";
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private static void assertGoogleError(HttpResponse<String> response, int status, String googleStatus) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = json(response).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(status);
        assertThat(error.path("status").asText()).isEqualTo(googleStatus);
        assertThat(error.path("message").asText()).isNotBlank();
    }

    @Test
    void theSpecsCurlWithBearer() {
        HttpResponse<String> response = junction.post(GENERATE, bearer(token), "{\"contents\": [{\"parts\": [{\"text\": \"你好\"}]}]}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).at("/candidates/0/content/parts/0/text").asText()).contains("你好");
        assertThat(response.headers().firstValue("x-request-id")).isPresent();
    }

    @Test
    void theBodyReachesTheUpstreamByteForByteWithUnknownFieldsAndSnakeCase() {
        String body = "{\"contents\": [{\"parts\": [{\"text\": \"转写这段音频\"}, {\"inline_data\": {\"mime_type\": \"audio/mp3\", "
                + "\"data\": \"SUQzBAAAAAAAI1RTU0UAAAAPAAADTGF2ZjU4Ljc2LjEwMAAAAAAAAAAAAAAA\"}}]}],\n"
                + "  \"someFutureField\": {\"x\": [1, 2.50, true]}, \"generationConfig\": {\"temperature\": 0.7}}";
        HttpResponse<String> response = junction.post(GENERATE, bearer(token), body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).at("/candidates/0/content/parts/0/text").asText()).contains("audio/mp3");
        ReceivedRequest upstream = junction.mock().received().get(0);
        assertThat(upstream.bodyText()).isEqualTo(body);
        assertThat(upstream.header("x-goog-api-key")).contains(TestGateway.UPSTREAM_KEY);
        assertThat(upstream.headers().toString()).doesNotContain(token);
    }

    @Test
    void theTokenIsAcceptedInEachPlaceClientsPutIt() {
        Map<String, String> json = Map.of("Content-Type", "application/json");
        assertThat(junction.post(GENERATE, Map.of("x-goog-api-key", token, "Content-Type", "application/json"),
                prompt("hi")).statusCode()).isEqualTo(200);
        assertThat(junction.post(GENERATE + "?key=" + token, json, prompt("hi")).statusCode()).isEqualTo(200);
        assertThat(junction.post("/v1/models/gemini-2.5-flash:generateContent", bearer(token), prompt("v1 too"))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void missingWrongRevokedAndExpiredTokensAre401() {
        assertGoogleError(junction.post(GENERATE, Map.of("Content-Type", "application/json"), prompt("hi")), 401,
                "UNAUTHENTICATED");
        assertGoogleError(junction.post(GENERATE, bearer("jn-wrong"), prompt("hi")), 401, "UNAUTHENTICATED");
        assertGoogleError(junction.post(GENERATE, Map.of("Authorization", "Basic abc"), prompt("hi")), 401,
                "UNAUTHENTICATED");
        String revoked = junction.issue("to-revoke");
        junction.gateway().tokens().revoke("to-revoke");
        junction.gateway().refreshTokens();
        HttpResponse<String> revokedResponse = junction.post(GENERATE, bearer(revoked), prompt("hi"));
        assertGoogleError(revokedResponse, 401, "UNAUTHENTICATED");
        assertThat(json(revokedResponse).at("/error/message").asText()).contains("revoked");
        String expired = junction.issue(new NewToken("expired", Optional.of(Instant.now().minusSeconds(1)),
                ModelAllowlist.ANY, List.of(), TokenLimits.NONE));
        HttpResponse<String> expiredResponse = junction.post(GENERATE, bearer(expired), prompt("hi"));
        assertGoogleError(expiredResponse, 401, "UNAUTHENTICATED");
        assertThat(json(expiredResponse).at("/error/message").asText()).contains("expired");
        assertThat(junction.mock().received()).isEmpty();
    }

    @Test
    void aTokenLimitedToSomeModelsCannotUseOthers() {
        String limited = junction.issue(new NewToken("pro-only", Optional.empty(),
                ModelAllowlist.parse("gemini-2.5-pro"), List.of(), TokenLimits.NONE));
        assertGoogleError(junction.post(GENERATE, bearer(limited), prompt("hi")), 403, "PERMISSION_DENIED");
        assertThat(junction.post("/v1beta/models/gemini-2.5-pro:generateContent", bearer(limited), prompt("hi"))
                .statusCode()).isEqualTo(200);
        JsonNode models = json(junction.get("/v1beta/models", Map.of("x-goog-api-key", limited)));
        assertThat(models.path("models")).extracting(m -> m.path("name").asText()).containsExactly("models/gemini-2.5-pro");
    }

    @Test
    void unknownModelsAre404() {
        assertGoogleError(junction.post("/v1beta/models/gpt-4o:generateContent", bearer(token), prompt("hi")), 404,
                "NOT_FOUND");
        assertThat(junction.mock().received()).isEmpty();
        assertGoogleError(junction.post("/v1beta/models/gemini-9-ultra:generateContent", bearer(token), prompt("hi")),
                404, "NOT_FOUND");
        assertGoogleError(junction.get("/v1beta/models/gemini-9-ultra", Map.of("x-goog-api-key", token)), 404,
                "NOT_FOUND");
        assertGoogleError(junction.post("/v1beta/models/gemini-2.5-flash:teleport", bearer(token), prompt("hi")), 404,
                "NOT_FOUND");
    }

    @Test
    void malformedBodiesAre400() {
        assertGoogleError(junction.post(GENERATE, bearer(token), "{\"contents\": [{\"parts\": "), 400, "INVALID_ARGUMENT");
        assertGoogleError(junction.post(GENERATE, bearer(token), "[1, 2]"), 400, "INVALID_ARGUMENT");
        assertGoogleError(junction.post(GENERATE, bearer(token), "{} {}"), 400, "INVALID_ARGUMENT");
        assertGoogleError(junction.post(GENERATE, bearer(token), ""), 400, "INVALID_ARGUMENT");
        assertGoogleError(junction.post(GENERATE, Map.of("Authorization", "Bearer " + token, "Content-Type",
                "text/html"), prompt("hi")), 400, "INVALID_ARGUMENT");
        assertGoogleError(junction.post(GENERATE, bearer(token), "{".repeat(5000)), 400, "INVALID_ARGUMENT");
        assertThat(junction.mock().received()).isEmpty();
    }

    @Test
    void aBodyOverTheLimitIs413WithoutReadingItAll() {
        String huge = prompt("x".repeat(21 * 1024 * 1024));
        HttpResponse<String> response = junction.post(GENERATE, bearer(token), huge);
        assertGoogleError(response, 413, "INVALID_ARGUMENT");
        assertThat(json(response).at("/error/message").asText()).contains("20 MB");
    }

    @Test
    void upstreamErrorsKeepTheirStatusAndDetails() {
        HttpResponse<String> limited = junction.post(GENERATE, bearer(token), prompt("hi mock:error=429"));
        assertGoogleError(limited, 429, "RESOURCE_EXHAUSTED");
        assertThat(limited.headers().firstValue("Retry-After")).contains("35");
        assertThat(json(limited).at("/error/details").toString()).contains("RetryInfo").contains("QuotaFailure");
        assertGoogleError(junction.post(GENERATE, bearer(token), prompt("hi mock:error=500")), 500, "INTERNAL");
        assertGoogleError(junction.post(GENERATE, bearer(token), prompt("hi mock:error=503")), 503, "UNAVAILABLE");
        assertGoogleError(junction.post(GENERATE, bearer(token), prompt("hi mock:error=400")), 400, "INVALID_ARGUMENT");
    }

    @Test
    void aRejectedUpstreamKeyIsA502ThatNeverShowsTheKey() {
        HttpResponse<String> response = junction.post(GENERATE, bearer(token), prompt("hi mock:error=key"));
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).doesNotContain(TestGateway.UPSTREAM_KEY).contains("upstream");
        HttpResponse<String> html = junction.post(GENERATE, bearer(token), prompt("hi mock:status=502"));
        assertThat(html.statusCode()).isEqualTo(502);
        assertThat(json(html).at("/error/status").asText()).isEqualTo("UNAVAILABLE");
    }

    @Test
    void streamsAreSseFramedLikeGoogleWithCumulativeUsage() {
        HttpResponse<String> response = junction.post(STREAM, bearer(token), prompt("写一首诗"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("text/event-stream");
        String[] events = response.body().split("\r\n\r\n");
        assertThat(events.length).isGreaterThanOrEqualTo(3);
        assertThat(events).allSatisfy(e -> assertThat(e).startsWith("data: {"));
        assertThat(response.body()).doesNotContain("[DONE]");
        assertThat(junction.mock().received().get(0).pathAndQuery()).endsWith(":streamGenerateContent?alt=sse");
    }

    @Test
    void withoutAltSseAStreamIsOneJsonArray() {
        HttpResponse<String> response = junction.post("/v1beta/models/gemini-2.5-flash:streamGenerateContent",
                bearer(token), prompt("写一首诗"));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode array = json(response);
        assertThat(array.isArray()).isTrue();
        assertThat(array.size()).isGreaterThanOrEqualTo(3);
        assertThat(array.get(array.size() - 1).at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
    }

    @Test
    void theFirstEventIsNotHeldBack() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(junction.uri(STREAM)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(prompt("slowly mock:events=4 mock:interval-ms=700"))).build();
        long start = System.nanoTime();
        HttpResponse<InputStream> response = junction.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            byte[] first = new byte[6];
            assertThat(body.readNBytes(first, 0, 6)).isEqualTo(6);
            Duration toFirst = Duration.ofNanos(System.nanoTime() - start);
            assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo("data: ");
            // The whole stream takes over two seconds; the first event must come long before.
            assertThat(toFirst).isLessThan(Duration.ofMillis(1500));
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8).split("\r\n\r\n")).hasSizeGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void upstreamFailuresMidStreamEndTheStreamWithAGoogleError() {
        for (String directive : List.of("mock:midstream-error", "mock:garbage-after=2", "mock:reset-after=2")) {
            HttpResponse<String> response = junction.post(STREAM, bearer(token), prompt("poem " + directive));
            assertThat(response.statusCode()).as(directive).isEqualTo(200);
            String[] events = response.body().split("\r\n\r\n");
            String last = events[events.length - 1];
            assertThat(last).as(directive).startsWith("data: {\"error\":");
            JsonNode error;
            try {
                error = Json.MAPPER.readTree(last.substring("data: ".length())).path("error");
            } catch (IOException e) {
                throw new AssertionError(last, e);
            }
            assertThat(error.path("code").asInt()).as(directive).isBetween(500, 599);
            assertThat(error.path("status").asText()).as(directive).isNotBlank();
            assertThat(events.length).as(directive).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aClientThatLeavesCancelsTheUpstreamStream() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(junction.uri(STREAM)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(prompt("long mock:events=100 mock:interval-ms=100"))).build();
        HttpResponse<InputStream> response = junction.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            assertThat(body.readNBytes(6)).hasSize(6);
        }
        // The stream would take 10 s; the record says the client left, well before that.
        long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        while (System.nanoTime() < deadline && junction.records().stream().noneMatch(r -> r.clientGone())) {
            Thread.sleep(50);
        }
        assertThat(junction.records()).anySatisfy(r -> {
            assertThat(r.clientGone()).isTrue();
            assertThat(r.latencyMillis()).isLessThan(8000);
        });
    }

    @Test
    void anEmbeddingIsRecordedAsInputTokensOnlyNeverAsOutput() {
        String body = "{\"content\":{\"parts\":[{\"text\":\"What is the meaning of life, asked twice over?\"}]}}";
        HttpResponse<String> single = junction.post("/v1beta/models/gemini-embedding-001:embedContent",
                Map.of("x-goog-api-key", token, "Content-Type", "application/json"), body);
        assertThat(single.statusCode()).isEqualTo(200);
        assertThat(json(single).path("embedding").path("values").size()).isEqualTo(3072);
        HttpResponse<String> batch = junction.post("/v1beta/models/gemini-embedding-001:batchEmbedContents",
                Map.of("x-goog-api-key", token, "Content-Type", "application/json"),
                "{\"requests\":[{\"model\":\"models/gemini-embedding-001\"," + body.substring(1) + ","
                        + "{\"model\":\"models/gemini-embedding-001\"," + body.substring(1) + "]}");
        assertThat(batch.statusCode()).isEqualTo(200);
        List<UsageRecord> records = junction.awaitRecords(r -> r.endpoint().contains("mbedContent"), 2);
        assertThat(records).allSatisfy(r -> {
            assertThat(r.outputTokens()).isZero();
            assertThat(r.promptTokens()).isBetween(5, 40);
        });
    }

    @Test
    void modelListsInBothShapes() {
        JsonNode google = json(junction.get("/v1beta/models?key=" + token, Map.of()));
        assertThat(google.path("models").size()).isGreaterThan(3);
        JsonNode googleV1 = json(junction.get("/v1/models", Map.of("x-goog-api-key", token)));
        assertThat(googleV1.path("models").isArray()).isTrue();
        JsonNode openai = json(junction.get("/v1/models", Map.of("Authorization", "Bearer " + token)));
        assertThat(openai.path("object").asText()).isEqualTo("list");
        assertThat(openai.path("data").get(0).path("id").asText()).doesNotStartWith("models/");
        JsonNode paged = json(junction.get("/v1beta/models?pageSize=2&key=" + token, Map.of()));
        assertThat(paged.path("models").size()).isEqualTo(2);
        assertThat(paged.path("nextPageToken").asText()).isNotEmpty();
    }

    @Test
    void healthAndReadinessNeedNoToken() {
        assertThat(junction.get("/healthz", Map.of()).statusCode()).isEqualTo(200);
        HttpResponse<String> ready = junction.get("/readyz", Map.of());
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(json(ready).path("status").asText()).isEqualTo("ready");
        assertThat(json(ready).path("checks").path("upstreams").path("ok").asBoolean()).isTrue();
    }

    @Test
    void countTokensIsRelayed() {
        HttpResponse<String> response = junction.post("/v1beta/models/gemini-2.5-flash:countTokens", bearer(token),
                prompt("count these words please"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("totalTokens").asInt()).isPositive();
    }
}
