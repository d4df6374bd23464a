package dev.junction.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.gateway.testing.ScriptedUpstream;
import dev.junction.gateway.testing.ScriptedUpstream.Act;
import dev.junction.gateway.testing.TestGateway;
import dev.junction.gateway.usage.UsageRecord;
import dev.junction.protocol.Json;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every door, whole and streamed, against an upstream that misbehaves in every way we know of:
 * it hangs (before or after its headers), resets, sends garbage, JSON of the wrong shape, broken
 * SSE, absurd numbers, an endless body, closes half-way, or trickles its answer. The client gets
 * a clean error in its own protocol (a 502/504, or an error event once its stream has begun)
 * within a few read timeouts (a trickled whole answer: its answer timeout), a usage record is
 * written for the request, and the gateway goes on serving.
 */
class HostileUpstreamTest {
    private static final String SSE = "text/event-stream";
    private static final String JSON = "application/json";
    private static final Duration BOUND = Duration.ofSeconds(10);

    @TempDir
    static Path dir;

    static ScriptedUpstream upstream;
    static TestGateway junction;
    static String token;

    @BeforeAll
    static void start() throws IOException {
        upstream = new ScriptedUpstream(ScriptedUpstream.ok("fine"));
        junction = TestGateway.start(dir, mockUrl -> """
                server:
                  port: 0
                data_dir: %s
                upstreams:
                  - name: hostile
                    base_url: %s
                    api_keys: [hostile-key]
                    models: ["hostile-*"]
                    connect_timeout: 1s
                    read_timeout: 1s
                    answer_timeout: 2s
                  - name: gemini
                    base_url: %s
                    api_keys: [%s]
                    models: ["gemini-*"]
                routing:
                  max_attempts: 1
                  failure_streak: 1000
                relay:
                  max_answer_bytes: 1MB
                """.formatted(dir.resolve("data"), upstream.baseUrl(), mockUrl, TestGateway.UPSTREAM_KEY));
        token = junction.issue("victim");
    }

    @AfterAll
    static void stop() throws IOException {
        junction.close();
        upstream.close();
    }

    /** One way to call Junction. */
    enum Door {
        OPENAI, GEMINI, ANTHROPIC;

        String path(String model, boolean stream) {
            return switch (this) {
                case OPENAI -> "/v1/chat/completions";
                case ANTHROPIC -> "/v1/messages";
                case GEMINI -> "/v1beta/models/" + model + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
            };
        }

        String body(String model, boolean stream) {
            return switch (this) {
                case OPENAI -> "{\"model\":\"" + model + "\",\"stream\":" + stream
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
                case ANTHROPIC -> "{\"model\":\"" + model + "\",\"max_tokens\":50,\"stream\":" + stream
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
                case GEMINI -> "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hello\"}]}]}";
            };
        }

        Map<String, String> headers() {
            return switch (this) {
                case OPENAI -> TestGateway.bearer(token);
                case GEMINI -> Map.of("x-goog-api-key", token, "Content-Type", JSON);
                case ANTHROPIC -> Map.of("x-api-key", token, "anthropic-version", "2023-06-01", "Content-Type", JSON);
            };
        }

        /** Whether {@code error} is an error in this door's shape (a whole body, or one stream event's data). */
        boolean isError(JsonNode error) {
            JsonNode inner = error.path("error");
            return switch (this) {
                case OPENAI -> inner.path("message").isTextual() && inner.path("type").isTextual();
                case GEMINI -> inner.path("message").isTextual() && inner.path("status").isTextual()
                        && inner.path("code").isInt();
                case ANTHROPIC -> error.path("type").asText().equals("error") && inner.path("type").isTextual()
                        && inner.path("message").isTextual();
            };
        }
    }

    /**
     * A misbehaviour, for a whole answer and for a stream.
     *
     * @param mayServe whether a complete stream is also a right outcome (a slow but steady stream is
     *     still a stream; a whole answer must be in within the answer timeout)
     * @param nativeRelays whether the Gemini door relays it as it came: well-formed JSON objects
     *     that are not what Google would send go through the native API untouched (unknown fields
     *     and all), as every answer does; the other doors must read them, and refuse
     */
    record Behaviour(String name, Act whole, Act streamed, boolean mayServe, boolean nativeRelays) {
        Behaviour(String name, Act whole, Act streamed, boolean mayServe) {
            this(name, whole, streamed, mayServe, false);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final String PART = "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hi\"}]},"
            + "\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":3,\"candidatesTokenCount\":1,\"totalTokenCount\":4}}";

    private static String sse(String... data) {
        StringBuilder out = new StringBuilder();
        for (String d : data) {
            out.append("data: ").append(d).append("\r\n\r\n");
        }
        return out.toString();
    }

    static List<Behaviour> behaviours() {
        String answer = ScriptedUpstream.geminiAnswer("slow but whole");
        String wrongTypes = "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":5},{\"functionCall\":\"x\"}]},"
                + "\"finishReason\":7}],\"usageMetadata\":{\"promptTokenCount\":\"many\",\"totalTokenCount\":[]}}";
        String hugeNumbers = "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hi\"}]},\"finishReason\":\"STOP\"}],"
                + "\"usageMetadata\":{\"promptTokenCount\":1e999999999,\"candidatesTokenCount\":" + "9".repeat(5000)
                + ",\"totalTokenCount\":-1}}";
        String deep = "{\"candidates\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        return List.of(
                new Behaviour("hangs before answering", new Act.Hang(), new Act.Hang(), false),
                new Behaviour("sends its headers, then hangs", new Act.HeadThenHang(JSON), new Act.HeadThenHang(SSE),
                        false),
                new Behaviour("resets the connection", new Act.Reset(), new Act.Reset(), false),
                new Behaviour("sends HTML", new Act.Raw(JSON, "<html><body>502 Bad Gateway</body></html>"),
                        new Act.Raw(SSE, "<html><body>502 Bad Gateway</body></html>\r\n\r\n"), false),
                new Behaviour("sends an empty body", new Act.Raw(JSON, ""), new Act.Raw(SSE, ""), false),
                new Behaviour("sends JSON of the wrong shape",
                        new Act.Raw(JSON, "{\"candidates\":\"nope\",\"usageMetadata\":[1,2]}"),
                        new Act.Raw(SSE, sse("{\"candidates\":\"nope\",\"usageMetadata\":[1,2]}")), false, true),
                new Behaviour("sends a JSON array", new Act.Raw(JSON, "[1,2,3]"), new Act.Raw(SSE, sse("[1,2,3]")),
                        false),
                new Behaviour("sends wrong types inside the answer", new Act.Raw(JSON, wrongTypes),
                        new Act.Raw(SSE, sse(wrongTypes)), false, true),
                new Behaviour("sends absurd numbers", new Act.Raw(JSON, hugeNumbers), new Act.Raw(SSE, sse(hugeNumbers)),
                        false),
                new Behaviour("sends an answer nested 10k deep", new Act.Raw(JSON, deep), new Act.Raw(SSE, sse(deep)),
                        false),
                new Behaviour("sends broken JSON or SSE", new Act.Raw(JSON, "{\"candidates\":[{\"content\""),
                        new Act.Raw(SSE, sse(PART, "{not json")), false),
                new Behaviour("closes half-way", new Act.Cut(JSON, answer.substring(0, answer.length() / 2)),
                        new Act.Cut(SSE, sse(PART) + "data: {\"candi"), false),
                new Behaviour("resets mid-stream", new Act.Cut(JSON, answer.substring(0, 20)),
                        new Act.Stream(List.of(PART, PART), true), false),
                new Behaviour("sends an endless body", new Act.Endless(JSON,
                        "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\""), new Act.Endless(SSE,
                        "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\""), false),
                new Behaviour("trickles its answer", new Act.Trickle(JSON, answer, 20),
                        new Act.Trickle(SSE, sse(answer), 5), true));
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Behaviour behaviour : behaviours()) {
            for (Door door : Door.values()) {
                cases.add(Arguments.of(door, "whole", behaviour));
                cases.add(Arguments.of(door, "stream", behaviour));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}: the upstream {2}")
    @MethodSource("cases")
    void theClientGetsACleanErrorInTimeAndARecordIsWritten(Door door, String mode, Behaviour behaviour) {
        boolean stream = mode.equals("stream");
        upstream.always(stream ? behaviour.streamed() : behaviour.whole());
        long start = System.nanoTime();
        HttpResponse<String> response = send(door, "hostile-1", stream);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        String seen = response.statusCode() + " " + brief(response.body());
        assertThat(took).as("answered in time: %s", seen).isLessThan(BOUND);
        assertThat(response.statusCode()).as(seen).isIn(200, 502, 504);
        boolean failed = response.statusCode() != 200 || inBandError(door, response.body());
        if (response.statusCode() != 200) {
            assertThat(response.headers().firstValue("content-type")).get().asString().as(seen).startsWith(JSON);
            assertThat(door.isError(json(response.body()))).as("%s's error shape: %s", door, seen).isTrue();
        } else if (door == Door.GEMINI && behaviour.nativeRelays()) {
            assertThat(response.body()).as("relayed as it came").contains("\"candidates\":");
        } else if (!(stream && behaviour.mayServe())) {
            assertThat(failed).as("an error event in the stream: %s", seen).isTrue();
        }
        if (failed) {
            assertThat(response.body()).as("the upstream's key stays hidden").doesNotContain("hostile-key");
        }

        String requestId = response.headers().firstValue("x-request-id").orElseThrow();
        UsageRecord record = junction.awaitRecords(r -> r.requestId().equals(requestId), 1).get(0);
        assertThat(record.upstream()).isEqualTo("hostile");
        assertThat(record.stream()).isEqualTo(stream);
        if (failed) {
            assertThat(record.errorKind()).as("the record says it failed").isPresent();
        }

        upstream.always(ScriptedUpstream.ok("fine"));
        HttpResponse<String> after = send(door, "gemini-2.5-flash", stream);
        assertThat(after.statusCode()).as("the gateway goes on serving: %s", after.body()).isEqualTo(200);
        assertThat(inBandError(door, after.body())).as(after.body()).isFalse();
    }

    private static HttpResponse<String> send(Door door, String model, boolean stream) {
        HttpRequest.Builder request = HttpRequest.newBuilder(junction.uri(door.path(model, stream)))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(door.body(model, stream)));
        door.headers().forEach(request::header);
        return junction.send(request.build());
    }

    /** Whether a stream's events include an error in the door's shape. */
    private static boolean inBandError(Door door, String body) {
        for (String event : body.split("\r?\n\r?\n")) {
            for (String line : event.split("\r?\n")) {
                if (line.startsWith("data:")) {
                    String data = line.substring(5).trim();
                    if (data.startsWith("{") && data.contains("\"error\"") && door.isError(json(data))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + brief(text), e);
        }
    }

    private static String brief(String text) {
        return text.length() <= 400 ? text : text.substring(0, 397) + "...(" + text.length() + " chars)";
    }
}
