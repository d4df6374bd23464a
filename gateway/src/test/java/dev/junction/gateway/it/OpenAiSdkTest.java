package dev.junction.gateway.it;

import static dev.junction.gateway.it.OpenAiSdk.assertUsageMatches;
import static dev.junction.gateway.it.OpenAiSdk.extraText;
import static dev.junction.gateway.it.OpenAiSdk.generationConfig;
import static dev.junction.gateway.it.OpenAiSdk.onlyUpstreamRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.errors.BadRequestException;
import com.openai.models.ReasoningEffort;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.models.Model;
import dev.junction.mock.gemini.ReceivedRequest;
import dev.junction.gateway.testing.TestGateway;
import dev.junction.protocol.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The official OpenAI Java SDK, pointed at Junction with a Junction token as the spec's Python
 * sample does ({@code base_url=<relay>/v1}), for complete (non-streamed) answers: S1, S4's
 * neighbours, S7, S9, S11, S12, S13 — each checked in what the client got and in what the Gemini
 * upstream received.
 */
class OpenAiSdkTest {
    private static final String FLASH = "gemini-2.5-flash";

    @TempDir
    static Path dir;

    static TestGateway junction;
    static String token;
    static OpenAIClient client;

    @BeforeAll
    static void start() {
        junction = TestGateway.start(dir);
        token = junction.issue("openai-sdk-user");
        client = OpenAiSdk.client(junction, token);
    }

    @AfterAll
    static void stop() {
        junction.close();
    }

    @BeforeEach
    void clearUpstream() {
        junction.mock().clear();
    }

    private static ChatCompletion create(ChatCompletionCreateParams params) {
        return client.chat().completions().create(params);
    }

    private static ChatCompletionMessage onlyMessage(ChatCompletion completion) {
        assertThat(completion.choices()).hasSize(1);
        return completion.choices().get(0).message();
    }

    @Test
    void theSpecsFirstExampleSystemAndUser() {
        ChatCompletion completion = create(ChatCompletionCreateParams.builder()
                .model(FLASH)
                .addSystemMessage("你是一个友好的助手")
                .addUserMessage("你好")
                .build());

        assertThat(completion.model()).isEqualTo(FLASH);
        assertThat(completion.id()).startsWith("chatcmpl-");
        assertThat(completion.created()).isCloseTo(System.currentTimeMillis() / 1000, within(60L));
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        ChatCompletionMessage message = onlyMessage(completion);
        assertThat(message.content()).contains("This is the Junction mock of gemini-2.5-flash. You said: \"你好\"");
        assertThat(message.toolCalls()).isEmpty();
        assertThat(extraText(message._additionalProperties(), "reasoning_content")).isEmpty();

        ReceivedRequest upstream = onlyUpstreamRequest(junction);
        assertThat(upstream.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
        assertThat(upstream.header("x-goog-api-key")).contains(TestGateway.UPSTREAM_KEY);
        JsonNode sent = upstream.bodyJson();
        assertThat(sent.at("/systemInstruction/parts/0/text").asText()).isEqualTo("你是一个友好的助手");
        assertThat(sent.path("contents")).hasSize(1);
        assertThat(sent.at("/contents/0/role").asText()).isEqualTo("user");
        assertThat(sent.at("/contents/0/parts/0/text").asText()).isEqualTo("你好");
        assertUsageMatches(completion.usage().orElseThrow(), junction.upstreamAnswer(upstream).path("usageMetadata"));
    }

    /** The spec's curl, byte for byte what it sends (S1, S2). */
    @Test
    void theSpecsCurlAsWritten() throws Exception {
        HttpResponse<String> response = junction.post("/v1/chat/completions", TestGateway.bearer(token), """
                {
                    "model": "gemini-2.5-flash",
                    "messages": [
                      {"role": "system", "content": "你是一个友好的助手"},
                      {"role": "user", "content": "你好"}
                    ]
                  }""");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).get().asString().startsWith("application/json");
        JsonNode body = Json.MAPPER.readTree(response.body());
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.at("/choices/0/message/role").asText()).isEqualTo("assistant");
        assertThat(body.at("/choices/0/message/content").asText()).contains("你好");
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(body.at("/usage/total_tokens").asLong()).isEqualTo(
                body.at("/usage/prompt_tokens").asLong() + body.at("/usage/completion_tokens").asLong());
    }

    @Test
    void developerMessagesBecomeSystemInstructions() {
        create(ChatCompletionCreateParams.builder()
                .model(FLASH)
                .addDeveloperMessage("Answer in one sentence.")
                .addSystemMessage("Be kind.")
                .addUserMessage("What is Junction?")
                .build());
        JsonNode sent = onlyUpstreamRequest(junction).bodyJson();
        List<String> system = new ArrayList<>();
        sent.at("/systemInstruction/parts").forEach(p -> system.add(p.path("text").asText()));
        assertThat(system).containsExactly("Answer in one sentence.", "Be kind.");
        assertThat(sent.path("contents")).hasSize(1);
    }

    @Test
    void multiTurnKeepsTheConversationInOrder() {
        ChatCompletion first = create(ChatCompletionCreateParams.builder().model(FLASH)
                .addUserMessage("My name is Ada.").build());
        ChatCompletionMessage answer = onlyMessage(first);
        junction.mock().clear();

        ChatCompletion second = create(ChatCompletionCreateParams.builder().model(FLASH)
                .addUserMessage("My name is Ada.")
                .addMessage(answer)
                .addUserMessage("What is my name?")
                .build());

        assertThat(onlyMessage(second).content()).get().asString().contains("What is my name?");
        JsonNode contents = onlyUpstreamRequest(junction).bodyJson().path("contents");
        assertThat(contents).hasSize(3);
        assertThat(contents.get(0).path("role").asText()).isEqualTo("user");
        assertThat(contents.get(0).at("/parts/0/text").asText()).isEqualTo("My name is Ada.");
        assertThat(contents.get(1).path("role").asText()).isEqualTo("model");
        assertThat(contents.get(1).at("/parts/0/text").asText()).isEqualTo(answer.content().orElseThrow());
        assertThat(contents.get(2).path("role").asText()).isEqualTo("user");
        assertThat(contents.get(2).at("/parts/0/text").asText()).isEqualTo("What is my name?");
    }

    @Test
    void modelsAreListedAndRetrievedWithoutThePrefix() {
        List<String> ids = new ArrayList<>();
        client.models().list().autoPager().forEach(m -> ids.add(m.id()));
        assertThat(ids).contains("gemini-2.5-flash", "gemini-2.5-pro", "gemini-3-pro-preview",
                "gemini-3-pro-preview-file").doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).doesNotStartWith("models/"));

        Model model = client.models().retrieve("gemini-2.5-pro");
        assertThat(model.id()).isEqualTo("gemini-2.5-pro");
        assertThat(model.ownedBy()).isEqualTo("google"); // a gemini upstream (the mock behind a real-looking base URL)
    }

    @ParameterizedTest(name = "{0} {1} → {2}={3}")
    @CsvSource({
            "gemini-2.5-flash, LOW, thinkingBudget, 1024",
            "gemini-2.5-flash, MEDIUM, thinkingBudget, 8192",
            "gemini-2.5-flash, HIGH, thinkingBudget, 24576",
            "gemini-2.5-flash, NONE, thinkingBudget, 0",
            "gemini-2.5-pro, LOW, thinkingBudget, 1024",
            "gemini-2.5-pro, MEDIUM, thinkingBudget, 8192",
            "gemini-2.5-pro, HIGH, thinkingBudget, 24576",
            "gemini-3-pro-preview, LOW, thinkingLevel, low",
            "gemini-3-pro-preview, MEDIUM, thinkingLevel, high",
            "gemini-3-pro-preview, HIGH, thinkingLevel, high",
            "gemini-3-flash-preview, MEDIUM, thinkingLevel, medium",
            // Values a model cannot honour are clamped to the nearest it can (ThinkingCapability).
            "gemini-2.5-pro, NONE, thinkingBudget, 128",
            "gemini-3-pro-preview, NONE, thinkingLevel, low",
            "gemini-3-pro-preview, MINIMAL, thinkingLevel, low",
            "gemini-3-flash-preview, MINIMAL, thinkingLevel, minimal",
    })
    void reasoningEffortBecomesTheModelsThinkingKnob(String model, String effort, String field, String value) {
        ChatCompletion completion = create(ChatCompletionCreateParams.builder().model(model)
                .addUserMessage("逐步推理 23*47 的结果")
                .reasoningEffort(ReasoningEffort.of(effort.toLowerCase()))
                .build());

        ReceivedRequest upstream = onlyUpstreamRequest(junction);
        JsonNode thinking = upstream.bodyJson().at("/generationConfig/thinkingConfig");
        assertThat(thinking.path(field).asText()).isEqualTo(value);
        assertThat(thinking.size()).as("only the model's own knob is sent: %s", thinking).isEqualTo(1);
        JsonNode usageMetadata = junction.upstreamAnswer(upstream).path("usageMetadata");
        assertUsageMatches(completion.usage().orElseThrow(), usageMetadata);
        if (effort.equals("NONE") && model.equals("gemini-2.5-flash")) {
            assertThat(completion.usage().orElseThrow().completionTokensDetails().orElseThrow().reasoningTokens())
                    .contains(0L);
        } else {
            assertThat(usageMetadata.path("thoughtsTokenCount").asLong()).isPositive();
        }
        // Thoughts were not asked for: none are shown.
        assertThat(extraText(onlyMessage(completion)._additionalProperties(), "reasoning_content")).isEmpty();
    }

    @Test
    void thoughtsAskedForThroughTheSdksExtraBodyComeBackAsReasoningContent() {
        ChatCompletion completion = create(ChatCompletionCreateParams.builder().model(FLASH)
                .addUserMessage("解释量子纠缠")
                .reasoningEffort(ReasoningEffort.HIGH)
                .putAdditionalBodyProperty("google",
                        JsonValue.from(Map.of("thinking_config", Map.of("include_thoughts", true))))
                .build());

        JsonNode thinking = generationConfig(junction).path("thinkingConfig");
        assertThat(thinking.path("thinkingBudget").asInt()).isEqualTo(24576);
        assertThat(thinking.path("includeThoughts").asBoolean()).isTrue();
        ChatCompletionMessage message = onlyMessage(completion);
        assertThat(extraText(message._additionalProperties(), "reasoning_content")).get().asString()
                .contains("**Reading the request**").contains("解释量子纠缠");
        assertThat(message.content()).get().asString().startsWith("This is the Junction mock")
                .doesNotContain("**Reading the request**");
        long reasoning = completion.usage().orElseThrow().completionTokensDetails().orElseThrow().reasoningTokens()
                .orElseThrow();
        assertThat(reasoning).isPositive();
    }

    @Test
    void thoughtsAskedForWithALiteralExtraBodyKeyAsInTheSpecsCurl() throws Exception {
        HttpResponse<String> response = junction.post("/v1/chat/completions", TestGateway.bearer(token), """
                {
                  "model": "gemini-2.5-flash",
                  "messages": [{"role": "user", "content": "解释量子纠缠"}],
                  "reasoning_effort": "high",
                  "extra_body": {
                    "google": {
                      "thinking_config": {"include_thoughts": true}
                    }
                  }
                }""");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = Json.MAPPER.readTree(response.body());
        assertThat(body.at("/choices/0/message/reasoning_content").asText()).contains("**Reading the request**");
        assertThat(body.at("/choices/0/message/content").asText()).startsWith("This is the Junction mock");
        JsonNode thinking = generationConfig(junction).path("thinkingConfig");
        assertThat(thinking.path("includeThoughts").asBoolean()).isTrue();
        assertThat(thinking.path("thinkingBudget").asInt()).isEqualTo(24576);
    }

    @Test
    void jsonObjectModeAsksGeminiForJson() throws Exception {
        ChatCompletion completion = create(ChatCompletionCreateParams.builder().model(FLASH)
                .addUserMessage("生成一个用户信息 JSON")
                .responseFormat(ResponseFormatJsonObject.builder().build())
                .build());

        JsonNode config = generationConfig(junction);
        assertThat(config.path("responseMimeType").asText()).isEqualTo("application/json");
        assertThat(config.has("responseJsonSchema")).isFalse();
        JsonNode content = Json.MAPPER.readTree(onlyMessage(completion).content().orElseThrow());
        assertThat(content.isObject()).isTrue();
        assertThat(content.path("name").asText()).isEqualTo("Junction mock");
    }

    @Test
    void jsonSchemaModeSendsTheSchemaAndGetsAnInstance() throws Exception {
        Map<String, Object> schema = Map.of(
                "type", "object",
                "properties", Map.of(
                        "name", Map.of("type", "string"),
                        "age", Map.of("type", "integer"),
                        "tags", Map.of("type", "array", "items", Map.of("type", "string", "enum", List.of("a", "b")))),
                "required", List.of("name", "age", "tags"),
                "additionalProperties", false);
        ChatCompletion completion = create(ChatCompletionCreateParams.builder().model(FLASH)
                .addUserMessage("生成一个用户信息 JSON")
                .responseFormat(ResponseFormatJsonSchema.builder()
                        .jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder()
                                .name("user")
                                .strict(true)
                                .schema(ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                                        .additionalProperties(toJsonValues(schema))
                                        .build())
                                .build())
                        .build())
                .build());

        JsonNode config = generationConfig(junction);
        assertThat(config.path("responseMimeType").asText()).isEqualTo("application/json");
        assertThat(config.path("responseJsonSchema")).isEqualTo(Json.MAPPER.valueToTree(schema));
        JsonNode content = Json.MAPPER.readTree(onlyMessage(completion).content().orElseThrow());
        assertThat(content.path("name").isTextual()).isTrue();
        assertThat(content.path("age").isIntegralNumber()).isTrue();
        assertThat(content.path("tags").isArray()).isTrue();
        content.path("tags").forEach(tag -> assertThat(tag.asText()).isIn("a", "b"));
        List<String> fields = new ArrayList<>();
        content.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("name", "age", "tags");
    }

    private static Map<String, JsonValue> toJsonValues(Map<String, Object> map) {
        Map<String, JsonValue> out = new java.util.LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, JsonValue.from(v)));
        return out;
    }

    @Test
    void samplingParametersReachGenerationConfigExactly() {
        create(ChatCompletionCreateParams.builder().model(FLASH)
                .addUserMessage("Write a haiku")
                .temperature(0.3)
                .topP(0.8)
                .maxTokens(300L)
                .stop("END")
                .seed(42L)
                .presencePenalty(0.5)
                .frequencyPenalty(-0.25)
                .build());

        JsonNode config = generationConfig(junction);
        assertThat(config.path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(config.path("topP").asDouble()).isEqualTo(0.8);
        assertThat(config.path("maxOutputTokens").asInt()).isEqualTo(300);
        assertThat(config.path("stopSequences")).containsExactly(Json.MAPPER.getNodeFactory().textNode("END"));
        assertThat(config.path("seed").asLong()).isEqualTo(42);
        assertThat(config.path("presencePenalty").asDouble()).isEqualTo(0.5);
        assertThat(config.path("frequencyPenalty").asDouble()).isEqualTo(-0.25);
        assertThat(config.has("candidateCount")).isFalse();
    }

    @Test
    void maxCompletionTokensAndAListOfStops() {
        create(ChatCompletionCreateParams.builder().model(FLASH)
                .addUserMessage("Count to ten")
                .maxCompletionTokens(128L)
                .stopOfStrings(List.of("7", "eight"))
                .build());

        JsonNode config = generationConfig(junction);
        assertThat(config.path("maxOutputTokens").asInt()).isEqualTo(128);
        List<String> stops = new ArrayList<>();
        config.path("stopSequences").forEach(s -> stops.add(s.asText()));
        assertThat(stops).containsExactly("7", "eight");
    }

    @Test
    void nAsksForSeveralCandidatesAndGetsAsManyChoices() {
        ChatCompletion completion = create(ChatCompletionCreateParams.builder().model(FLASH)
                .addUserMessage("Name a colour")
                .n(2L)
                .build());

        assertThat(generationConfig(junction).path("candidateCount").asInt()).isEqualTo(2);
        assertThat(completion.choices()).hasSize(2);
        assertThat(completion.choices()).extracting(ChatCompletion.Choice::index).containsExactly(0L, 1L);
        assertThat(completion.choices()).allSatisfy(c -> {
            assertThat(c.message().content()).get().asString().contains("Name a colour");
            assertThat(c.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        });
    }

    @Test
    void maxTokensFinishIsLength() {
        ChatCompletion completion = create(ChatCompletionCreateParams.builder().model(FLASH)
                .addUserMessage("Tell me a story mock:finish=MAX_TOKENS").build());
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
    }

    @Test
    void anAnswerCutShortByMaxTokensIsLength() {
        ChatCompletion completion = create(ChatCompletionCreateParams.builder().model("gemini-2.5-flash")
                .addUserMessage("Tell me a long story mock:words=50")
                .reasoningEffort(ReasoningEffort.NONE)
                .maxTokens(10L)
                .build());
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(10);
    }

    @Test
    void safetyFinishIsContentFilter() {
        ChatCompletion completion = create(ChatCompletionCreateParams.builder().model(FLASH)
                .addUserMessage("Something risky mock:finish=SAFETY").build());
        assertThat(completion.choices().get(0).finishReason())
                .isEqualTo(ChatCompletion.Choice.FinishReason.CONTENT_FILTER);
    }

    @Test
    void aBlockedPromptIsAClearBadRequest() {
        assertThatThrownBy(() -> create(ChatCompletionCreateParams.builder().model(FLASH)
                .addUserMessage("Something forbidden mock:block").build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.code()).contains("content_filter");
                    assertThat(e.param()).contains("messages");
                    assertThat(e.getMessage()).contains("blockReason: SAFETY");
                });
    }
}
