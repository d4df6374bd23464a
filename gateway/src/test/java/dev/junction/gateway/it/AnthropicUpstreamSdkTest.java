package dev.junction.gateway.it;

import static dev.junction.gateway.it.OpenAiSdk.extraText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.ReasoningEffort;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import dev.junction.gateway.testing.FakeAnthropic;
import dev.junction.gateway.testing.TestGateway;
import dev.junction.gateway.usage.UsageRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
 * The official OpenAI Java SDK pointed at Junction, with an {@code anthropic} upstream (our local
 * Anthropic Messages server): chat, streams, tools, thinking, errors and failover, checked in
 * what the client got, what the upstream received and what Junction recorded.
 */
class AnthropicUpstreamSdkTest {
    private static final String KEY = "sk-ant-test-key-0001";
    private static final String SONNET = "claude-sonnet-4-5";
    /** Served by the anthropic upstream first, by the Gemini mock when it fails. */
    private static final String WITH_FALLBACK = "claude-with-fallback";

    @TempDir
    static Path dir;

    static FakeAnthropic anthropic;
    static TestGateway junction;
    static String token;
    static OpenAIClient client;

    @BeforeAll
    static void start() {
        anthropic = new FakeAnthropic(Set.of(KEY));
        junction = TestGateway.start(dir, mockUrl -> """
                server:
                  port: 0
                data_dir: %s
                upstreams:
                  - name: claude
                    type: anthropic
                    base_url: %s
                    api_keys: [%s]
                    models: ["claude-*"]
                    priority: 0
                  - name: gemini
                    base_url: %s
                    api_keys: [%s]
                    models: ["gemini-*"]
                    model_map: {%s: gemini-2.5-flash}
                    priority: 1
                """.formatted(dir.resolve("data"), anthropic.baseUrl(), KEY, mockUrl, TestGateway.UPSTREAM_KEY,
                WITH_FALLBACK));
        token = junction.issue("anthropic-upstream-user");
        client = OpenAiSdk.clientWithoutRetries(junction, token);
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

    @Test
    void plainChatIsAMessagesCallWithTheKeyAndVersionAndItsAnswerAndUsageComeBack() {
        Instant before = Instant.now();
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model(SONNET)
                .addSystemMessage("Be brief.")
                .addUserMessage("Hello there")
                .temperature(1.5)
                .stop("END")
                .build());

        ChatCompletionMessage message = completion.choices().get(0).message();
        assertThat(message.content()).contains("Hello from Claude: Hello there");
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.model()).isEqualTo(SONNET);

        FakeAnthropic.Received sent = onlyUpstreamRequest();
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.header("x-api-key")).isEqualTo(KEY);
        assertThat(sent.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(sent.header("Authorization")).as("the client's token never goes upstream").isNull();
        JsonNode body = sent.body();
        assertThat(body.path("model").asText()).isEqualTo(SONNET);
        assertThat(body.path("max_tokens").asInt()).as("Anthropic requires it; Junction's default").isEqualTo(4096);
        assertThat(body.at("/system/0/text").asText()).isEqualTo("Be brief.");
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("user");
        assertThat(body.at("/messages/0/content/0/text").asText()).isEqualTo("Hello there");
        assertThat(body.path("temperature").asDouble()).as("capped to Anthropic's range").isEqualTo(1.0);
        assertThat(body.at("/stop_sequences/0").asText()).isEqualTo("END");
        assertThat(body.has("stream")).isFalse();

        // usage: prompt = input + cache writes + cache reads; cached = reads
        int input = 2 + 2 + 2; // the local server's count: "Be brief.", "Hello there", and 2
        long prompt = input + FakeAnthropic.CACHE_WRITE + FakeAnthropic.CACHE_READ;
        assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(prompt);
        assertThat(completion.usage().orElseThrow().promptTokensDetails().orElseThrow().cachedTokens())
                .contains((long) FakeAnthropic.CACHE_READ);
        UsageRecord record = lastRecord(before);
        assertThat(record.upstream()).isEqualTo("claude");
        assertThat(record.promptTokens()).isEqualTo(prompt);
        assertThat(record.cachedTokens()).isEqualTo(FakeAnthropic.CACHE_READ);
        assertThat(record.outputTokens()).isEqualTo(completion.usage().orElseThrow().completionTokens());
        assertThat(record.estimated()).isFalse();
    }

    @Test
    void aStreamIsTranslatedEventByEventWithTheUsageAtTheEnd() {
        Instant before = Instant.now();
        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model(SONNET).addUserMessage("Stream me a greeting")
                        .streamOptions(com.openai.models.chat.completions.ChatCompletionStreamOptions.builder()
                                .includeUsage(true).build())
                        .build())) {
            chunks = stream.stream().toList();
        }
        StringBuilder text = new StringBuilder();
        chunks.stream().flatMap(c -> c.choices().stream()).forEach(c -> c.delta().content().ifPresent(text::append));
        assertThat(text.toString()).isEqualTo("Hello from Claude: Stream me a greeting");
        long textChunks = chunks.stream().flatMap(c -> c.choices().stream())
                .filter(c -> c.delta().content().filter(s -> !s.isEmpty()).isPresent()).count();
        assertThat(textChunks).as("each text_delta is a chunk of its own").isEqualTo(2);
        assertThat(chunks.stream().flatMap(c -> c.choices().stream()).flatMap(c -> c.finishReason().stream()).toList())
                .containsExactly(ChatCompletionChunk.Choice.FinishReason.STOP);
        var usage = chunks.get(chunks.size() - 1).usage().orElseThrow();
        assertThat(usage.promptTokensDetails().orElseThrow().cachedTokens()).contains((long) FakeAnthropic.CACHE_READ);
        assertThat(onlyUpstreamRequest().body().path("stream").asBoolean()).isTrue();

        UsageRecord record = lastRecord(before);
        assertThat(record.stream()).isTrue();
        assertThat(record.promptTokens()).isEqualTo(usage.promptTokens());
        assertThat(record.outputTokens()).isEqualTo(usage.completionTokens()).isPositive();
        assertThat(record.cachedTokens()).isEqualTo(FakeAnthropic.CACHE_READ);
    }

    @Test
    void aToolCallGoesRoundTripAsToolUseAndToolResult() {
        ChatCompletion first = client.chat().completions().create(
                OpenAiToolsSdkTest.weatherQuestion(SONNET, "What is the weather in Paris?").build());
        assertThat(first.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        List<OpenAiToolsSdkTest.Call> calls = OpenAiToolsSdkTest.calls(first.choices().get(0).message());
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).id()).startsWith("toolu_fake");
        assertThat(calls.get(0).name()).isEqualTo("get_weather");
        assertThat(OpenAiToolsSdkTest.json(calls.get(0).arguments()).path("location").asText()).isEqualTo("Paris");
        JsonNode tools = onlyUpstreamRequest().body().path("tools");
        assertThat(tools.get(0).path("name").asText()).isEqualTo("get_weather");
        assertThat(tools.get(0).at("/input_schema/properties/city/type").asText()).isEqualTo("string");

        anthropic.clear();
        ChatCompletion second = client.chat().completions().create(
                OpenAiToolsSdkTest.weatherQuestion(SONNET, "What is the weather in Paris?")
                        .addMessage(first.choices().get(0).message())
                        .addMessage(OpenAiToolsSdkTest.result(calls.get(0), "{\"tempC\":15}"))
                        .build());
        assertThat(second.choices().get(0).message().content()).contains("The tool said: {\"tempC\":15}");
        JsonNode messages = onlyUpstreamRequest().body().path("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.at("/1/role").asText()).isEqualTo("assistant");
        JsonNode use = messages.at("/1/content").get(messages.at("/1/content").size() - 1);
        assertThat(use.path("type").asText()).isEqualTo("tool_use");
        assertThat(use.path("id").asText()).isEqualTo(calls.get(0).id());
        assertThat(use.at("/input/location").asText()).isEqualTo("Paris");
        assertThat(messages.at("/2/role").asText()).isEqualTo("user");
        assertThat(messages.at("/2/content/0/type").asText()).isEqualTo("tool_result");
        assertThat(messages.at("/2/content/0/tool_use_id").asText()).isEqualTo(calls.get(0).id());
        assertThat(messages.at("/2/content/0/content").asText()).isEqualTo("{\"tempC\":15}");
    }

    @Test
    void aStreamedToolCallArrivesWholeFromItsJsonFragments() {
        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                OpenAiToolsSdkTest.weatherQuestion(SONNET, "Weather in Paris, streamed").build())) {
            chunks = stream.stream().toList();
        }
        List<OpenAiToolsSdkTest.Call> calls = OpenAiToolsSdkTest.calls(chunks);
        assertThat(calls).hasSize(1);
        assertThat(OpenAiToolsSdkTest.json(calls.get(0).arguments()).path("unit").asText()).isEqualTo("celsius");
        assertThat(chunks.stream().flatMap(c -> c.choices().stream()).flatMap(c -> c.finishReason().stream()).toList())
                .containsExactly(ChatCompletionChunk.Choice.FinishReason.TOOL_CALLS);
    }

    @Test
    void reasoningEffortIsAThinkingBudgetAndThinkingComesBackAsReasoningContent() {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model(SONNET).addUserMessage("Why is the sky blue?")
                .reasoningEffort(ReasoningEffort.HIGH)
                .putAdditionalBodyProperty("google",
                        JsonValue.from(Map.of("thinking_config", Map.of("include_thoughts", true))))
                .build());
        ChatCompletionMessage message = completion.choices().get(0).message();
        assertThat(extraText(message._additionalProperties(), "reasoning_content"))
                .contains("The user asks: Why is the sky blue?. I should answer briefly.");
        assertThat(message.content().orElseThrow()).contains("Hello from Claude").doesNotContain("The user asks");
        JsonNode sent = onlyUpstreamRequest().body();
        assertThat(sent.at("/thinking/type").asText()).isEqualTo("enabled");
        assertThat(sent.at("/thinking/budget_tokens").asInt()).isEqualTo(24576);
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(24576 + 4096);
    }

    @Test
    void thinkingStreamsAsReasoningContentBeforeTheText() {
        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model(SONNET).addUserMessage("Think, then greet")
                        .reasoningEffort(ReasoningEffort.LOW)
                        .putAdditionalBodyProperty("google",
                                JsonValue.from(Map.of("thinking_config", Map.of("include_thoughts", true))))
                        .build())) {
            chunks = stream.stream().toList();
        }
        StringBuilder reasoning = new StringBuilder();
        StringBuilder text = new StringBuilder();
        int firstReasoning = -1;
        int firstText = -1;
        for (int i = 0; i < chunks.size(); i++) {
            for (ChatCompletionChunk.Choice choice : chunks.get(i).choices()) {
                Optional<String> r = extraText(choice.delta()._additionalProperties(), "reasoning_content");
                if (r.isPresent()) {
                    reasoning.append(r.get());
                    firstReasoning = firstReasoning < 0 ? i : firstReasoning;
                }
                if (choice.delta().content().filter(s -> !s.isEmpty()).isPresent()) {
                    text.append(choice.delta().content().get());
                    firstText = firstText < 0 ? i : firstText;
                }
            }
        }
        assertThat(reasoning.toString()).isEqualTo("The user asks: Think, then greet. I should answer briefly.");
        assertThat(text.toString()).isEqualTo("Hello from Claude: Think, then greet");
        assertThat(firstReasoning).isLessThan(firstText);
        assertThat(onlyUpstreamRequest().body().at("/thinking/budget_tokens").asInt()).isEqualTo(1024);
    }

    @Test
    void anOverloadedAnthropicFailsOverToTheNextUpstream() {
        Instant before = Instant.now();
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model(WITH_FALLBACK).addUserMessage("anthropic:error=529 hello").build());
        assertThat(completion.choices().get(0).message().content().orElseThrow()).contains("Junction mock of gemini-2.5-flash");
        assertThat(anthropic.received()).hasSize(1);
        assertThat(junction.mock().received()).hasSize(1);
        UsageRecord record = lastRecord(before);
        assertThat(record.upstream()).isEqualTo("gemini");
        assertThat(record.status()).isEqualTo(200);
    }

    @Test
    void anOverloadedAnthropicWithNoFallbackIsACleanServiceUnavailable() {
        assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model(SONNET).addUserMessage("anthropic:error=529 hello").build()))
                .isInstanceOfSatisfying(OpenAIServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(e.getMessage()).contains("overloaded");
                });
        assertThat(anthropic.received()).hasSize(1);
    }

    @Test
    void aRejectedKeyIsTheOperatorsFaultNeverTheClients401() {
        assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model(SONNET).addUserMessage("anthropic:error=401").build()))
                .isInstanceOfSatisfying(InternalServerException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(502);
                    assertThat(e.getMessage()).doesNotContain(KEY);
                });
    }

    /** A permission_error is about what was asked, not the key: the client gets the 403, asked once. */
    @Test
    void aPermissionErrorIsTheClientsOwn403AndIsNotRetried() {
        int before = anthropic.received().size();
        assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model(SONNET).addUserMessage("anthropic:error=403").build()))
                .isInstanceOfSatisfying(com.openai.errors.PermissionDeniedException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("does not have permission").doesNotContain(KEY);
                });
        assertThat(anthropic.received().size() - before).isEqualTo(1);
    }

    @Test
    void aRateLimitKeepsItsRetryAfter() throws Exception {
        var response = junction.post("/v1/chat/completions", TestGateway.bearer(token), """
                {"model": "%s", "messages": [{"role": "user", "content": "anthropic:error=429"}]}""".formatted(SONNET));
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).contains("7");
        assertThat(response.body()).contains("rate_limit_exceeded").contains("per-minute rate limit");
    }

    @Test
    void whatAnthropicCannotHonourIsA400BeforeAnyCall() {
        assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model(SONNET).addUserMessage("two answers please").n(2).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.getMessage()).contains("n must be 1"));
        assertThat(anthropic.received()).isEmpty();
    }
}
