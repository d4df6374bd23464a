package dev.junction.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.errors.ClientException;
import com.google.genai.types.Content;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.FunctionDeclaration;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.GenerateContentResponseUsageMetadata;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.Part;
import com.google.genai.types.Schema;
import com.google.genai.types.ThinkingConfig;
import com.google.genai.types.Tool;
import com.google.genai.types.Type;
import dev.junction.gateway.testing.FakeOpenAi;
import dev.junction.gateway.testing.TestGateway;
import dev.junction.gateway.usage.UsageRecord;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients of the other doors reaching an {@code openai} upstream (our local OpenAI-compatible
 * server) through the canonical model: the official Google GenAI SDK on the Gemini door (a
 * Gemini SDK user reaching a DeepSeek model: text, streams, system instructions, function calls
 * both ways, thinking, usage, errors) and a Messages call on the Anthropic door.
 */
class OpenAiUpstreamTranslatedSdkTest {
    private static final String KEY = "sk-deepseek-test-0101";
    private static final String MODEL = "deepseek-chat";

    @TempDir
    static Path dir;

    static FakeOpenAi vendor;
    static TestGateway junction;
    static String token;
    static Client gemini;

    @BeforeAll
    static void start() {
        vendor = new FakeOpenAi(Set.of(KEY));
        junction = TestGateway.start(dir, mockUrl -> """
                server:
                  port: 0
                data_dir: %s
                upstreams:
                  - name: deepseek
                    type: openai
                    base_url: %s
                    api_keys: [%s]
                    models: ["deepseek-*"]
                  - name: gemini
                    base_url: %s
                    api_keys: [%s]
                    models: ["gemini-*"]
                """.formatted(dir.resolve("data"), vendor.baseUrl(), KEY, mockUrl, TestGateway.UPSTREAM_KEY));
        token = junction.issue("translated-user");
        gemini = Client.builder().apiKey(token)
                .httpOptions(HttpOptions.builder().baseUrl(junction.baseUrl()).build())
                .build();
    }

    @AfterAll
    static void stop() {
        junction.close();
        vendor.close();
    }

    @BeforeEach
    void clear() {
        vendor.clear();
    }

    private static JsonNode onlyUpstreamBody() {
        List<FakeOpenAi.Received> received = vendor.received();
        assertThat(received).hasSize(1);
        assertThat(received.get(0).header("Authorization")).isEqualTo("Bearer " + KEY);
        return received.get(0).body();
    }

    @Test
    void aGeminiSdkUserReachesAnOpenAiCompatibleModel() {
        GenerateContentResponse response = gemini.models.generateContent(MODEL, "Hello there",
                GenerateContentConfig.builder()
                        .systemInstruction(Content.fromParts(Part.fromText("Be brief.")))
                        .temperature(0.5f)
                        .maxOutputTokens(50)
                        .topK(40f)
                        .build());
        assertThat(response.text()).isEqualTo("Hello from deepseek-chat: Hello there");

        JsonNode sent = onlyUpstreamBody();
        assertThat(sent.path("model").asText()).isEqualTo(MODEL);
        assertThat(sent.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(sent.at("/messages/0/content").asText()).isEqualTo("Be brief.");
        assertThat(sent.at("/messages/1/role").asText()).isEqualTo("user");
        assertThat(sent.at("/messages/1/content").asText()).isEqualTo("Hello there");
        assertThat(sent.path("temperature").asDouble()).isEqualTo(0.5);
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(50);
        assertThat(sent.has("top_k")).as("not an OpenAI parameter").isFalse();
        assertThat(sent.has("stream")).isFalse();

        GenerateContentResponseUsageMetadata usage = response.usageMetadata().orElseThrow();
        int prompt = FakeOpenAi.promptTokens(sent);
        assertThat(usage.promptTokenCount()).contains(prompt);
        assertThat(usage.cachedContentTokenCount()).contains(FakeOpenAi.CACHED);
        int output = usage.candidatesTokenCount().orElseThrow();
        assertThat(usage.totalTokenCount()).contains(prompt + output);
        List<UsageRecord> records = junction.awaitRecords(r -> r.upstream().equals("deepseek") && !r.stream()
                && r.promptTokens() == prompt, 1);
        UsageRecord record = records.get(records.size() - 1);
        assertThat(record.promptTokens()).isEqualTo(prompt);
        assertThat(record.outputTokens()).isEqualTo(output);
        assertThat(record.protocol()).isEqualTo("gemini");
    }

    @Test
    void aGeminiStreamIsTranslatedChunkByChunkWithTheUsageAtTheEnd() {
        List<String> texts = new ArrayList<>();
        GenerateContentResponse last = null;
        try (ResponseStream<GenerateContentResponse> stream =
                gemini.models.generateContentStream(MODEL, "Stream me a greeting", null)) {
            for (GenerateContentResponse chunk : stream) {
                texts.add(chunk.text());
                last = chunk;
            }
        }
        assertThat(String.join("", texts)).isEqualTo("Hello from deepseek-chat: Stream me a greeting");
        assertThat(texts.size()).as("the vendor's pieces stay pieces").isGreaterThanOrEqualTo(2);
        assertThat(last.candidates().orElseThrow().get(0).finishReason().orElseThrow().toString()).isEqualTo("STOP");
        assertThat(last.usageMetadata().orElseThrow().promptTokenCount()).isPresent();
        JsonNode sent = onlyUpstreamBody();
        assertThat(sent.path("stream").asBoolean()).isTrue();
        assertThat(sent.at("/stream_options/include_usage").asBoolean()).isTrue();
    }

    @Test
    void functionCallsGoBothWays() {
        Tool tool = Tool.builder().functionDeclarations(FunctionDeclaration.builder().name("get_weather")
                .description("The weather in a city")
                .parameters(Schema.builder().type(Type.Known.OBJECT)
                        .properties(Map.of("location", Schema.builder().type(Type.Known.STRING).build()))
                        .required("location"))
                .build()).build();
        GenerateContentConfig config = GenerateContentConfig.builder().tools(tool).build();
        GenerateContentResponse first = gemini.models.generateContent(MODEL, "What is the weather in Paris?", config);
        List<FunctionCall> calls = first.functionCalls();
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).name()).contains("get_weather");
        assertThat(calls.get(0).args().orElseThrow()).containsEntry("location", "Paris");
        JsonNode sent = onlyUpstreamBody();
        assertThat(sent.at("/tools/0/type").asText()).isEqualTo("function");
        assertThat(sent.at("/tools/0/function/name").asText()).isEqualTo("get_weather");
        assertThat(sent.at("/tools/0/function/parameters/type").asText()).as("JSON Schema's spelling").isEqualTo("object");
        assertThat(sent.at("/tools/0/function/parameters/properties/location/type").asText()).isEqualTo("string");

        vendor.clear();
        List<Content> history = List.of(
                Content.builder().role("user").parts(Part.fromText("What is the weather in Paris?")).build(),
                first.candidates().orElseThrow().get(0).content().orElseThrow(),
                Content.builder().role("user").parts(Part.fromFunctionResponse("get_weather",
                        Map.of("tempC", 15))).build());
        GenerateContentResponse second = gemini.models.generateContent(MODEL, history, config);
        assertThat(second.text()).isEqualTo("The tool said: {\"tempC\":15}");
        JsonNode messages = onlyUpstreamBody().path("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.at("/1/role").asText()).isEqualTo("assistant");
        String id = messages.at("/1/tool_calls/0/id").asText();
        assertThat(id).isNotEmpty();
        assertThat(messages.at("/2/role").asText()).isEqualTo("tool");
        assertThat(messages.at("/2/tool_call_id").asText()).isEqualTo(id);
    }

    @Test
    void thinkingIsAskedForAsAnEffortAndComesBackAsThoughts() {
        GenerateContentResponse response = gemini.models.generateContent(MODEL, "openai:think why?",
                GenerateContentConfig.builder()
                        .thinkingConfig(ThinkingConfig.builder().thinkingBudget(1024).includeThoughts(true))
                        .build());
        List<Part> parts = response.candidates().orElseThrow().get(0).content().orElseThrow().parts().orElseThrow();
        assertThat(parts).anySatisfy(p -> {
            assertThat(p.thought()).contains(true);
            assertThat(p.text()).contains(FakeOpenAi.THOUGHT);
        });
        assertThat(response.text()).startsWith("Hello from deepseek-chat");
        assertThat(response.usageMetadata().orElseThrow().thoughtsTokenCount()).contains(3);
        assertThat(onlyUpstreamBody().path("reasoning_effort").asText()).isEqualTo("low");
    }

    @Test
    void aVendorErrorIsToldInGooglesShape() {
        assertThatThrownBy(() -> gemini.models.generateContent(MODEL, "openai:error=400", null))
                .isInstanceOfSatisfying(ClientException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("Invalid value for 'temperature'");
                });
        HttpResponse<String> raw = junction.post("/v1beta/models/" + MODEL + ":generateContent",
                Map.of("x-goog-api-key", token, "Content-Type", "application/json"),
                "{\"contents\":[{\"parts\":[{\"text\":\"openai:error=401\"}]}]}");
        assertThat(raw.statusCode()).isEqualTo(502);
        assertThat(raw.body()).contains("\"status\"").doesNotContain(KEY);
    }

    @Test
    void aVendorsGarbageIsAClean502InGooglesShape() {
        HttpResponse<String> raw = junction.post("/v1beta/models/" + MODEL + ":generateContent",
                Map.of("x-goog-api-key", token, "Content-Type", "application/json"),
                "{\"contents\":[{\"parts\":[{\"text\":\"openai:garbage\"}]}]}");
        assertThat(raw.statusCode()).isEqualTo(502);
        assertThat(raw.body()).contains("\"status\"").contains("not JSON").doesNotContain("<html>");
    }

    @Test
    void geminiOnlyToolsAreAClear400BeforeAnyCall() {
        HttpResponse<String> raw = junction.post("/v1beta/models/" + MODEL + ":generateContent",
                Map.of("x-goog-api-key", token, "Content-Type", "application/json"),
                "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}],\"tools\":[{\"googleSearch\":{}}]}");
        assertThat(raw.statusCode()).isEqualTo(400);
        assertThat(raw.body()).contains("googleSearch");
        assertThat(vendor.received()).isEmpty();
    }

    @Test
    void anAnthropicMessagesCallReachesTheOpenAiCompatibleModel() {
        HttpResponse<String> raw = junction.post("/v1/messages",
                Map.of("x-api-key", token, "anthropic-version", "2023-06-01", "Content-Type", "application/json"), """
                {"model": "deepseek-chat", "max_tokens": 100, "system": "Be brief.",
                 "messages": [{"role": "user", "content": "Hi from Claude's client"}]}""");
        assertThat(raw.statusCode()).as(raw.body()).isEqualTo(200);
        assertThat(raw.body()).contains("\"type\":\"message\"").contains("Hello from deepseek-chat: Hi from Claude's client");
        JsonNode sent = onlyUpstreamBody();
        assertThat(sent.at("/messages/0/content").asText()).isEqualTo("Be brief.");
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(100);

        vendor.clear();
        HttpResponse<String> stream = junction.post("/v1/messages",
                Map.of("x-api-key", token, "anthropic-version", "2023-06-01", "Content-Type", "application/json"), """
                {"model": "deepseek-chat", "max_tokens": 100, "stream": true,
                 "messages": [{"role": "user", "content": "Stream to Claude's client"}]}""");
        assertThat(stream.body()).startsWith("event: message_start").contains("event: content_block_delta")
                .contains("\"stop_reason\":\"end_turn\"").contains("event: message_stop");
        StringBuilder text = new StringBuilder();
        for (String line : stream.body().split("\n")) {
            if (line.startsWith("data: ") && line.contains("text_delta")) {
                text.append(OpenAiToolsSdkTest.json(line.substring(6)).at("/delta/text").asText());
            }
        }
        assertThat(text.toString()).isEqualTo("Hello from deepseek-chat: Stream to Claude's client");
        assertThat(onlyUpstreamBody().at("/stream_options/include_usage").asBoolean()).isTrue();
    }
}
