package dev.junction.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.errors.ApiException;
import com.google.genai.types.Content;
import com.google.genai.types.CountTokensResponse;
import com.google.genai.types.FinishReason;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.FunctionDeclaration;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.GenerateContentResponseUsageMetadata;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import com.google.genai.types.Part;
import com.google.genai.types.Schema;
import com.google.genai.types.ThinkingConfig;
import com.google.genai.types.Tool;
import dev.junction.gateway.testing.FakeAnthropic;
import dev.junction.gateway.testing.TestGateway;
import dev.junction.gateway.usage.UsageRecord;
import dev.junction.protocol.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official Google GenAI Java SDK pointed at Junction, asking for models an {@code anthropic}
 * upstream (our local Anthropic Messages server) serves: the Gemini request is translated to a
 * Messages call and the answer back to Gemini's shape, whole and streamed, with tools, thinking,
 * usage and errors; and one model served by a Gemini upstream and an Anthropic one fails over
 * between the two, each reached in its own protocol.
 */
class GeminiDoorAnthropicSdkTest {
    private static final String KEY = "sk-ant-test-key-0002";
    private static final String SONNET = "claude-sonnet-4-5";
    /** Served by the Gemini mock first, by the anthropic upstream when the mock fails. */
    private static final String GEMINI_FIRST = "mixed-gemini-first";
    /** Served by the anthropic upstream first, by the Gemini mock when it fails. */
    private static final String CLAUDE_FIRST = "mixed-claude-first";
    private static final List<String> ERROR_MODELS = List.of("errors-sdk", "errors-raw", "errors-key");

    @TempDir
    static Path dir;

    static FakeAnthropic anthropic;
    static TestGateway junction;
    static String token;
    static Client client;

    @BeforeAll
    static void start() {
        anthropic = new FakeAnthropic(Set.of(KEY));
        junction = TestGateway.start(dir, mockUrl -> """
                server:
                  port: 0
                data_dir: %s
                upstreams:
                  - name: gemini
                    base_url: %s
                    api_keys: [%s]
                    models: ["gemini-*"]
                    model_map: {%s: gemini-2.5-flash, %s: gemini-2.5-flash}
                    priority: 0
                  - name: claude
                    type: anthropic
                    base_url: %s
                    api_keys: [%s]
                    models: ["claude-*"]
                    model_map: {%s: claude-sonnet-4-5}
                    priority: 1
                  - name: claude-primary
                    type: anthropic
                    base_url: %s
                    api_keys: [%s]
                    models: [%s]
                    model_map: {%s: claude-sonnet-4-5}
                    priority: -1
                """.formatted(dir.resolve("data"), mockUrl, TestGateway.UPSTREAM_KEY, GEMINI_FIRST, CLAUDE_FIRST,
                anthropic.baseUrl(), KEY, GEMINI_FIRST, anthropic.baseUrl(), KEY, CLAUDE_FIRST, CLAUDE_FIRST)
                + errorUpstreams());
        token = junction.issue("gemini-door-anthropic-user");
        client = Client.builder().apiKey(token)
                .httpOptions(HttpOptions.builder().baseUrl(junction.baseUrl()).build())
                .build();
    }

    /**
     * One upstream per error test, so that the cooldown an error puts an upstream in touches no
     * other test.
     */
    private static String errorUpstreams() {
        StringBuilder yaml = new StringBuilder();
        for (String name : ERROR_MODELS) {
            yaml.append("""
                      - name: %s
                        type: anthropic
                        base_url: %s
                        api_keys: [%s]
                        models: [%s]
                        model_map: {%s: claude-sonnet-4-5}
                    """.formatted(name, anthropic.baseUrl(), KEY, name, name));
        }
        return yaml.toString();
    }

    private static Client withoutRetries() {
        return Client.builder().apiKey(token)
                .httpOptions(HttpOptions.builder().baseUrl(junction.baseUrl())
                        .retryOptions(HttpRetryOptions.builder().attempts(1).build()).build())
                .build();
    }

    @AfterAll
    static void stop() {
        junction.close();
        anthropic.close();
    }

    @BeforeEach
    void clear() {
        anthropic.clear();
        junction.mock().clear();
    }

    private static FakeAnthropic.Received onlyUpstreamRequest() {
        List<FakeAnthropic.Received> received = anthropic.received();
        assertThat(received).hasSize(1);
        return received.get(0);
    }

    private static UsageRecord lastRecord(Instant after) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<UsageRecord> record = junction.records().stream().filter(r -> !r.time().isBefore(after))
                    .reduce((a, b) -> b);
            if (record.isPresent()) {
                return record.get();
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no usage record");
    }

    private static Tool weatherTool() {
        return Tool.builder().functionDeclarations(FunctionDeclaration.builder()
                .name("get_weather")
                .description("The weather in a city")
                .parameters(Schema.builder().type("OBJECT")
                        .properties(Map.of("city", Schema.builder().type("STRING").description("the city").build(),
                                "unit", Schema.builder().type("STRING").enum_(List.of("celsius", "fahrenheit"))
                                        .nullable(true).build()))
                        .required(List.of("city")).build())
                .build()).build();
    }

    @Test
    void generateContentIsAMessagesCallAndItsAnswerComesBackInGeminisShape() {
        Instant before = Instant.now();
        GenerateContentResponse response = client.models.generateContent(SONNET, "Hello there",
                GenerateContentConfig.builder()
                        .systemInstruction(Content.fromParts(Part.fromText("Be brief.")))
                        .temperature(0.5f).topK(40f).maxOutputTokens(300).stopSequences(List.of("END"))
                        .build());

        assertThat(response.text()).isEqualTo("Hello from Claude: Hello there");
        assertThat(response.finishReason().knownEnum()).isEqualTo(FinishReason.Known.STOP);
        assertThat(response.candidates().orElseThrow().get(0).content().orElseThrow().role()).contains("model");
        assertThat(response.modelVersion()).contains(SONNET);
        assertThat(response.responseId()).get().asString().isNotBlank();

        FakeAnthropic.Received sent = onlyUpstreamRequest();
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.header("x-api-key")).isEqualTo(KEY);
        assertThat(sent.header("x-goog-api-key")).as("the client's token never goes upstream").isNull();
        JsonNode body = sent.body();
        assertThat(body.path("model").asText()).isEqualTo(SONNET);
        assertThat(body.at("/system/0/text").asText()).isEqualTo("Be brief.");
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("user");
        assertThat(body.at("/messages/0/content/0/text").asText()).isEqualTo("Hello there");
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.5);
        assertThat(body.path("top_k").asInt()).isEqualTo(40);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(300);
        assertThat(body.at("/stop_sequences/0").asText()).isEqualTo("END");
        assertThat(body.has("stream")).isFalse();

        // usage: prompt = input + cache writes + cache reads, cached = reads
        int input = 2 + 2 + 2; // the local server's count: "Be brief.", "Hello there", and 2
        int prompt = input + FakeAnthropic.CACHE_WRITE + FakeAnthropic.CACHE_READ;
        GenerateContentResponseUsageMetadata usage = response.usageMetadata().orElseThrow();
        assertThat(usage.promptTokenCount()).contains(prompt);
        assertThat(usage.cachedContentTokenCount()).contains(FakeAnthropic.CACHE_READ);
        int output = usage.candidatesTokenCount().orElseThrow();
        assertThat(output).isEqualTo(5 + 3); // the local server's count: the answer's 5 words, and 3
        assertThat(usage.totalTokenCount()).contains(prompt + output);

        UsageRecord record = lastRecord(before);
        assertThat(record.upstream()).isEqualTo("claude");
        assertThat(record.status()).isEqualTo(200);
        assertThat(record.stream()).isFalse();
        assertThat(record.promptTokens()).isEqualTo(prompt);
        assertThat(record.cachedTokens()).isEqualTo(FakeAnthropic.CACHE_READ);
        assertThat(record.outputTokens()).isEqualTo(output);
        assertThat(record.estimated()).isFalse();
    }

    @Test
    void aStreamIsSentAsGeminiChunksWithTheFinishReasonAndUsageOnTheLast() {
        Instant before = Instant.now();
        List<GenerateContentResponse> chunks = new ArrayList<>();
        try (ResponseStream<GenerateContentResponse> stream =
                client.models.generateContentStream(SONNET, "Stream me a greeting", null)) {
            stream.forEach(chunks::add);
        }
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> text.append(c.text()));
        assertThat(text.toString()).isEqualTo("Hello from Claude: Stream me a greeting");
        assertThat(chunks).as("two text deltas and the last chunk").hasSize(3);
        GenerateContentResponse last = chunks.get(chunks.size() - 1);
        assertThat(last.finishReason().knownEnum()).isEqualTo(FinishReason.Known.STOP);
        assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy(c -> {
            assertThat(c.usageMetadata()).isEmpty();
            assertThat(c.candidates().orElseThrow().get(0).finishReason()).isEmpty();
        });
        GenerateContentResponseUsageMetadata usage = last.usageMetadata().orElseThrow();
        assertThat(usage.cachedContentTokenCount()).contains(FakeAnthropic.CACHE_READ);
        assertThat(onlyUpstreamRequest().body().path("stream").asBoolean()).isTrue();

        UsageRecord record = lastRecord(before);
        assertThat(record.stream()).isTrue();
        assertThat(record.upstream()).isEqualTo("claude");
        assertThat(record.promptTokens()).isEqualTo(usage.promptTokenCount().orElseThrow());
        assertThat(record.outputTokens()).isEqualTo(usage.candidatesTokenCount().orElseThrow()).isPositive();
    }

    @Test
    void withoutAltSseTheStreamIsOneJsonArrayOfChunks() throws Exception {
        HttpResponse<String> response = junction.post("/v1beta/models/" + SONNET + ":streamGenerateContent",
                Map.of("x-goog-api-key", token, "Content-Type", "application/json"),
                "{\"contents\": [{\"role\": \"user\", \"parts\": [{\"text\": \"Array please\"}]}]}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        JsonNode array = Json.MAPPER.readTree(response.body());
        assertThat(array.isArray()).isTrue();
        StringBuilder text = new StringBuilder();
        array.forEach(chunk -> text.append(chunk.at("/candidates/0/content/parts/0/text").asText()));
        assertThat(text.toString()).isEqualTo("Hello from Claude: Array please");
        JsonNode last = array.get(array.size() - 1);
        assertThat(last.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        assertThat(last.at("/usageMetadata/promptTokenCount").asInt()).isPositive();
    }

    @Test
    void aFailureHalfWayEndsTheStreamWithAGoogleErrorInBothFramings() throws Exception {
        String body = "{\"contents\": [{\"parts\": [{\"text\": \"anthropic:midstream-error\"}]}]}";
        Map<String, String> headers = Map.of("x-goog-api-key", token, "Content-Type", "application/json");
        HttpResponse<String> sse = junction.post("/v1beta/models/" + SONNET + ":streamGenerateContent?alt=sse",
                headers, body);
        assertThat(sse.statusCode()).isEqualTo(200);
        List<String> events = List.of(sse.body().split("\r\n\r\n"));
        assertThat(events.get(0)).startsWith("data: {\"candidates\"");
        String last = events.get(events.size() - 1).trim();
        JsonNode error = Json.MAPPER.readTree(last.substring("data: ".length())).path("error");
        assertThat(error.path("status").asText()).isEqualTo("UNAVAILABLE");
        assertThat(error.path("message").asText()).contains("Overloaded");

        HttpResponse<String> array = junction.post("/v1beta/models/" + SONNET + ":streamGenerateContent", headers,
                body);
        JsonNode chunks = Json.MAPPER.readTree(array.body());
        assertThat(chunks.get(0).at("/candidates/0/content/parts/0/text").asText()).isNotEmpty();
        assertThat(chunks.get(chunks.size() - 1).at("/error/message").asText()).contains("Overloaded");
    }

    @Test
    void aFunctionCallingTurnAndItsFunctionResponseFollowUp() {
        GenerateContentConfig config = GenerateContentConfig.builder().tools(weatherTool()).build();
        Content question = Content.builder().role("user").parts(Part.fromText("What is the weather in Paris?"))
                .build();
        GenerateContentResponse first = client.models.generateContent(SONNET, List.of(question), config);
        List<FunctionCall> calls = first.functionCalls();
        assertThat(calls).hasSize(1);
        FunctionCall call = calls.get(0);
        assertThat(call.name()).contains("get_weather");
        assertThat(call.id()).get().asString().startsWith("toolu_fake");
        assertThat(call.args().orElseThrow()).containsEntry("location", "Paris");
        assertThat(first.finishReason().knownEnum()).as("Gemini ends a tool turn with STOP")
                .isEqualTo(FinishReason.Known.STOP);
        JsonNode tool = onlyUpstreamRequest().body().at("/tools/0");
        assertThat(tool.path("name").asText()).isEqualTo("get_weather");
        assertThat(tool.path("description").asText()).isEqualTo("The weather in a city");
        JsonNode schema = tool.path("input_schema");
        assertThat(schema.path("type").asText()).isEqualTo("object");
        assertThat(schema.at("/properties/city/type").asText()).isEqualTo("string");
        assertThat(schema.at("/properties/unit/type").toString()).isEqualTo("[\"string\",\"null\"]");
        assertThat(schema.at("/required/0").asText()).isEqualTo("city");

        anthropic.clear();
        Content modelTurn = first.candidates().orElseThrow().get(0).content().orElseThrow();
        Content answer = Content.builder().role("user")
                .parts(Part.fromFunctionResponse("get_weather", Map.of("tempC", 15))).build();
        GenerateContentResponse second = client.models.generateContent(SONNET, List.of(question, modelTurn, answer),
                config);
        assertThat(second.text()).isEqualTo("The tool said: {\"tempC\":15}");
        JsonNode messages = onlyUpstreamRequest().body().path("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.at("/1/role").asText()).isEqualTo("assistant");
        JsonNode use = messages.at("/1/content").get(messages.at("/1/content").size() - 1);
        assertThat(use.path("type").asText()).isEqualTo("tool_use");
        assertThat(use.path("id").asText()).isEqualTo(call.id().orElseThrow());
        assertThat(use.at("/input/location").asText()).isEqualTo("Paris");
        assertThat(messages.at("/2/role").asText()).isEqualTo("user");
        assertThat(messages.at("/2/content/0/type").asText()).isEqualTo("tool_result");
        assertThat(messages.at("/2/content/0/tool_use_id").asText()).as("paired by name with the call")
                .isEqualTo(call.id().orElseThrow());
        assertThat(messages.at("/2/content/0/content").asText()).isEqualTo("{\"tempC\":15}");
    }

    @Test
    void aThinkingToolTurnGoesBackWithItsSignedThinkingOrWithoutThinkingAtAll() {
        Content question = Content.fromParts(Part.fromText("Weather in Paris?"));
        Content answer = Content.builder().role("user")
                .parts(Part.fromFunctionResponse("get_weather", Map.of("tempC", 15))).build();
        for (boolean shown : List.of(true, false)) {
            anthropic.clear();
            GenerateContentConfig config = GenerateContentConfig.builder().tools(weatherTool())
                    .thinkingConfig(ThinkingConfig.builder().includeThoughts(shown).thinkingBudget(1024).build())
                    .build();
            GenerateContentResponse first = client.models.generateContent(SONNET, List.of(question), config);
            assertThat(first.functionCalls()).hasSize(1);
            assertThat(first.parts().stream().anyMatch(p -> p.thought().orElse(false))).isEqualTo(shown);

            anthropic.clear();
            Content modelTurn = first.candidates().orElseThrow().get(0).content().orElseThrow();
            GenerateContentResponse second = client.models.generateContent(SONNET,
                    List.of(question, modelTurn, answer), config);
            assertThat(second.text()).isEqualTo("The tool said: {\"tempC\":15}");
            JsonNode sent = onlyUpstreamRequest().body();
            JsonNode assistant = sent.at("/messages/1/content");
            if (shown) {
                assertThat(assistant.at("/0/type").asText()).isEqualTo("thinking");
                assertThat(assistant.at("/0/signature").asText()).isEqualTo(FakeAnthropic.SIGNATURE);
                assertThat(sent.at("/thinking/budget_tokens").asInt()).isEqualTo(1024);
            } else {
                assertThat(assistant.at("/0/type").asText()).isEqualTo("text");
                assertThat(sent.has("thinking")).as("Claude needs the signed thinking back to think on").isFalse();
            }
        }
    }

    @Test
    void aStreamedFunctionCallArrivesWholeInOneChunk() {
        List<GenerateContentResponse> chunks = new ArrayList<>();
        try (ResponseStream<GenerateContentResponse> stream = client.models.generateContentStream(SONNET,
                "Weather in Paris, streamed", GenerateContentConfig.builder().tools(weatherTool()).build())) {
            stream.forEach(chunks::add);
        }
        List<FunctionCall> calls = chunks.stream().flatMap(c -> c.functionCalls().stream()).toList();
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).args().orElseThrow()).containsEntry("location", "Paris").containsEntry("unit",
                "celsius");
        assertThat(chunks.get(chunks.size() - 1).finishReason().knownEnum()).isEqualTo(FinishReason.Known.STOP);
    }

    @Test
    void includeThoughtsReturnsThoughtPartsWithTheirSignatureAndTheBudgetGoesUpstream() {
        GenerateContentConfig config = GenerateContentConfig.builder()
                .thinkingConfig(ThinkingConfig.builder().includeThoughts(true).thinkingBudget(2048).build())
                .build();
        GenerateContentResponse response = client.models.generateContent(SONNET, "Why is the sky blue?", config);
        List<Part> parts = response.parts();
        Part thought = parts.get(0);
        assertThat(thought.thought()).contains(true);
        assertThat(thought.text()).contains("The user asks: Why is the sky blue?. I should answer briefly.");
        assertThat(thought.thoughtSignature()).as("a signature any Google SDK can read as bytes").isPresent();
        assertThat(response.text()).isEqualTo("Hello from Claude: Why is the sky blue?");
        JsonNode sent = onlyUpstreamRequest().body();
        assertThat(sent.at("/thinking/type").asText()).isEqualTo("enabled");
        assertThat(sent.at("/thinking/budget_tokens").asInt()).isEqualTo(2048);

        // the thought, sent back in the conversation, reaches Claude with its signature unchanged
        anthropic.clear();
        Content modelTurn = response.candidates().orElseThrow().get(0).content().orElseThrow();
        client.models.generateContent(SONNET, List.of(Content.fromParts(Part.fromText("Why is the sky blue?")),
                modelTurn, Content.fromParts(Part.fromText("And at sunset?"))), config);
        JsonNode thinking = onlyUpstreamRequest().body().at("/messages/1/content/0");
        assertThat(thinking.path("type").asText()).isEqualTo("thinking");
        assertThat(thinking.path("signature").asText()).isEqualTo(FakeAnthropic.SIGNATURE);
        assertThat(thinking.path("thinking").asText()).isEqualTo(thought.text().orElseThrow());
    }

    @Test
    void thoughtsStreamAsThoughtPartsBeforeTheText() {
        List<GenerateContentResponse> chunks = new ArrayList<>();
        try (ResponseStream<GenerateContentResponse> stream = client.models.generateContentStream(SONNET,
                "Think, then greet", GenerateContentConfig.builder()
                        .thinkingConfig(ThinkingConfig.builder().includeThoughts(true).build()).build())) {
            stream.forEach(chunks::add);
        }
        StringBuilder thoughts = new StringBuilder();
        StringBuilder text = new StringBuilder();
        int firstThought = -1;
        int firstText = -1;
        for (int i = 0; i < chunks.size(); i++) {
            for (Part part : chunks.get(i).parts()) {
                if (part.thought().orElse(false)) {
                    thoughts.append(part.text().orElse(""));
                    firstThought = firstThought < 0 ? i : firstThought;
                } else if (part.text().filter(t -> !t.isEmpty()).isPresent()) {
                    text.append(part.text().get());
                    firstText = firstText < 0 ? i : firstText;
                }
            }
        }
        assertThat(thoughts.toString()).isEqualTo("The user asks: Think, then greet. I should answer briefly.");
        assertThat(text.toString()).isEqualTo("Hello from Claude: Think, then greet");
        assertThat(firstThought).isLessThan(firstText);
        assertThat(onlyUpstreamRequest().body().at("/thinking/budget_tokens").asInt())
                .as("thoughts asked for without a budget: dynamic thinking, Junction's medium budget").isEqualTo(8192);
    }

    @Test
    void withoutIncludeThoughtsTheThinkingIsNotShown() {
        GenerateContentResponse response = client.models.generateContent(SONNET, "Think quietly",
                GenerateContentConfig.builder().thinkingConfig(ThinkingConfig.builder().thinkingBudget(1024).build())
                        .build());
        assertThat(response.parts()).noneMatch(p -> p.thought().orElse(false));
        assertThat(response.text()).isEqualTo("Hello from Claude: Think quietly");
        assertThat(onlyUpstreamRequest().body().at("/thinking/budget_tokens").asInt()).isEqualTo(1024);
    }

    @Test
    void jsonModeIsRefusedClearlyForAnUpstreamWithoutIt() {
        assertThatThrownBy(() -> client.models.generateContent(SONNET, "Give me JSON",
                GenerateContentConfig.builder().responseMimeType("application/json")
                        .responseSchema(Schema.builder().type("OBJECT")
                                .properties(Map.of("answer", Schema.builder().type("STRING").build())).build())
                        .build()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.status()).isEqualTo("INVALID_ARGUMENT");
                    assertThat(e.message()).contains("JSON response format is not supported on an Anthropic upstream");
                });
        assertThat(anthropic.received()).isEmpty();
    }

    @Test
    void moreThanOneCandidateIsAClear400() {
        assertThatThrownBy(() -> client.models.generateContent(SONNET, "Two please",
                GenerateContentConfig.builder().candidateCount(2).build()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.message()).contains("candidateCount must be 1");
                });
        assertThat(anthropic.received()).isEmpty();
    }

    @Test
    void anUpstreamErrorIsToldInGooglesErrorShape() throws Exception {
        Client client = withoutRetries();
        assertThatThrownBy(() -> client.models.generateContent("errors-sdk", "anthropic:error=429", null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(429);
                    assertThat(e.status()).isEqualTo("RESOURCE_EXHAUSTED");
                    assertThat(e.message()).contains("per-minute rate limit");
                });
        HttpResponse<String> raw = junction.post("/v1beta/models/errors-raw:generateContent",
                Map.of("x-goog-api-key", token, "Content-Type", "application/json"),
                "{\"contents\": [{\"parts\": [{\"text\": \"anthropic:error=429\"}]}]}");
        assertThat(raw.statusCode()).isEqualTo(429);
        assertThat(raw.headers().firstValue("Retry-After")).contains("7");
        JsonNode error = Json.MAPPER.readTree(raw.body()).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(429);
        assertThat(error.path("status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(error.at("/details/0/@type").asText()).isEqualTo("type.googleapis.com/google.rpc.RetryInfo");
        assertThat(error.at("/details/0/retryDelay").asText()).isEqualTo("7s");

        assertThatThrownBy(() -> client.models.generateContent("errors-key", "anthropic:error=401", null))
                .as("a rejected upstream key is the operator's fault, never the client's 401")
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(502);
                    assertThat(e.message()).doesNotContain(KEY);
                });
    }

    @Test
    void aBadFieldIsA400InGooglesShapeBeforeAnyCall() throws Exception {
        HttpResponse<String> response = junction.post("/v1beta/models/" + SONNET + ":generateContent",
                Map.of("x-goog-api-key", token, "Content-Type", "application/json"),
                "{\"contents\": [{\"parts\": [{\"text\": \"hi\"}]}], \"generationConfig\": {\"temprature\": 1}}");
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = Json.MAPPER.readTree(response.body()).path("error");
        assertThat(error.path("status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(error.path("message").asText()).contains("Unknown name \"temprature\"");
        assertThat(anthropic.received()).isEmpty();

        HttpResponse<String> search = junction.post("/v1beta/models/" + SONNET + ":generateContent",
                Map.of("x-goog-api-key", token, "Content-Type", "application/json"),
                "{\"contents\": [{\"parts\": [{\"text\": \"hi\"}]}], \"tools\": [{\"google_search\": {}}]}");
        assertThat(search.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(search.body()).at("/error/message").asText()).contains("googleSearch")
                .contains("Gemini models only");
    }

    @Test
    void snakeCaseFieldsAreReadAsGoogleReadsThem() throws Exception {
        HttpResponse<String> response = junction.post("/v1beta/models/" + SONNET + ":generateContent",
                Map.of("x-goog-api-key", token, "Content-Type", "application/json"), """
                        {"system_instruction": {"parts": [{"text": "Be brief."}]},
                         "contents": [{"role": "user", "parts": [{"text": "hi"}]}],
                         "generation_config": {"max_output_tokens": 3000, "stop_sequences": ["X"],
                                               "thinking_config": {"thinking_budget": 1500, "include_thoughts": true}}}""");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode sent = onlyUpstreamRequest().body();
        assertThat(sent.at("/system/0/text").asText()).isEqualTo("Be brief.");
        assertThat(sent.at("/stop_sequences/0").asText()).isEqualTo("X");
        assertThat(sent.at("/thinking/budget_tokens").asInt()).isEqualTo(1500);
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(3000);
        assertThat(Json.MAPPER.readTree(response.body()).at("/candidates/0/content/parts/0/thought").asBoolean())
                .isTrue();
    }

    @Test
    void countTokensGoesToTheVendorsCounter() {
        CountTokensResponse count = client.models.countTokens(SONNET, "hello there, how are you", null);
        assertThat(count.totalTokens()).contains(5 + 2);
        FakeAnthropic.Received sent = onlyUpstreamRequest();
        assertThat(sent.path()).isEqualTo("/v1/messages/count_tokens");
        assertThat(sent.body().at("/messages/0/content/0/text").asText()).isEqualTo("hello there, how are you");
    }

    @Test
    void embeddingsAreRefusedNamingTheUpstreamKind() {
        assertThatThrownBy(() -> client.models.embedContent(SONNET, "embed me", null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.message()).contains("anthropic").containsIgnoringCase("embedContent");
                });
        assertThat(anthropic.received()).isEmpty();
    }

    @Test
    void aFailingGeminiUpstreamFailsOverToTheAnthropicOne() {
        Instant before = Instant.now();
        GenerateContentResponse response = client.models.generateContent(GEMINI_FIRST, "mock:error=503 hello", null);
        assertThat(response.text()).isEqualTo("Hello from Claude: mock:error=503 hello");
        assertThat(junction.mock().received()).hasSize(1);
        assertThat(anthropic.received()).hasSize(1);
        UsageRecord record = lastRecord(before);
        assertThat(record.upstream()).isEqualTo("claude");
        assertThat(record.upstreamModel()).isEqualTo(SONNET);
        assertThat(record.protocol()).isEqualTo("gemini");
        assertThat(record.status()).isEqualTo(200);
    }

    @Test
    void aFailingAnthropicUpstreamFailsOverToTheGeminiOneWhichGetsTheBodyUnchanged() {
        GenerateContentResponse response = client.models.generateContent(CLAUDE_FIRST, "anthropic:error=529 hello",
                null);
        assertThat(response.text()).contains("Junction mock of gemini-2.5-flash");
        assertThat(anthropic.received()).hasSize(1);
        assertThat(junction.mock().received()).hasSize(1);
        assertThat(junction.mock().received().get(0).path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
    }
}
