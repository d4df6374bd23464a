package dev.junction.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.OverloadedException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.gateway.testing.TestGateway;
import dev.junction.gateway.usage.UsageRecord;
import dev.junction.mock.gemini.ReceivedRequest;
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

/**
 * The official Anthropic Java SDK pointed at Junction's Anthropic door ({@code base_url} =
 * Junction, the Junction token as its API key), served by the built-in Gemini mock upstream:
 * messages, streams, tools, thinking, token counting and errors, each checked in what the client
 * got and what the Gemini upstream received.
 */
class AnthropicDoorSdkTest {
    private static final String FLASH = "gemini-2.5-flash";
    private static final String GEMINI_3 = "gemini-3-pro-preview";

    @TempDir
    static Path dir;

    static TestGateway junction;
    static String token;
    static AnthropicClient client;

    @BeforeAll
    static void start() {
        junction = TestGateway.start(dir, """
                relay:
                  stream_keep_alive: 300ms
                """);
        token = junction.issue("anthropic-sdk-user");
        client = AnthropicOkHttpClient.builder().apiKey(token).baseUrl(junction.baseUrl()).maxRetries(0).build();
    }

    @AfterAll
    static void stop() {
        junction.close();
    }

    @BeforeEach
    void clearUpstream() {
        junction.mock().clear();
    }

    private static ReceivedRequest onlyUpstreamRequest() {
        List<ReceivedRequest> received = junction.mock().received();
        assertThat(received).hasSize(1);
        return received.get(0);
    }

    private static String text(Message message) {
        StringBuilder text = new StringBuilder();
        message.content().stream().filter(ContentBlock::isText).forEach(b -> text.append(b.asText().text()));
        return text.toString();
    }

    private static Tool weatherTool() {
        return Tool.builder().name("get_weather").description("Weather in a city")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .addRequired("city")
                        .build())
                .build();
    }

    @Test
    void messagesCreateIsServedByGemini() {
        Message message = client.messages().create(MessageCreateParams.builder()
                .model(FLASH).maxTokens(256).system("Be kind.").addUserMessage("你好").build());

        assertThat(message.id()).startsWith("msg_");
        assertThat(message.model().asString()).isEqualTo(FLASH);
        assertThat(text(message)).contains("This is the Junction mock of gemini-2.5-flash. You said: \"你好\"");
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().inputTokens()).isPositive();
        assertThat(message.usage().outputTokens()).isPositive();

        JsonNode sent = onlyUpstreamRequest().bodyJson();
        assertThat(onlyUpstreamRequest().path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
        assertThat(sent.at("/systemInstruction/parts/0/text").asText()).isEqualTo("Be kind.");
        assertThat(sent.at("/contents/0/parts/0/text").asText()).isEqualTo("你好");
        assertThat(sent.at("/generationConfig/maxOutputTokens").asInt()).isEqualTo(256);
        JsonNode upstreamUsage = junction.upstreamAnswer(onlyUpstreamRequest()).path("usageMetadata");
        assertThat(message.usage().inputTokens()).isEqualTo(upstreamUsage.path("promptTokenCount").asLong());
    }

    @Test
    void aStreamComesInAnthropicsEventOrderAndAccumulatesToTheWholeMessage() {
        List<RawMessageStreamEvent> events = new ArrayList<>();
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(
                MessageCreateParams.builder().model(FLASH).maxTokens(512)
                        .addUserMessage("写一首诗 mock:events=4").build())) {
            stream.stream().forEach(e -> {
                events.add(e);
                accumulator.accumulate(e);
            });
        }
        assertThat(events.get(0).isMessageStart()).isTrue();
        assertThat(events.get(1).isContentBlockStart()).isTrue();
        assertThat(events.get(events.size() - 2).isMessageDelta()).isTrue();
        assertThat(events.get(events.size() - 1).isMessageStop()).isTrue();
        assertThat(events.stream().filter(RawMessageStreamEvent::isContentBlockDelta).count()).isGreaterThan(1);
        Message message = accumulator.message();
        assertThat(text(message)).contains("This is the Junction mock of gemini-2.5-flash");
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().outputTokens()).isPositive();
        assertThat(events.get(events.size() - 2).asMessageDelta().usage().inputTokens()).isPresent()
                .get().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LONG).isPositive();
    }

    @Test
    void theWireStreamHasNamedEventsAndPeriodicPings() throws Exception {
        HttpResponse<String> response = junction.post("/v1/messages",
                Map.of("x-api-key", token, "anthropic-version", "2023-06-01", "content-type", "application/json"), """
                {"model": "gemini-2.5-flash", "max_tokens": 2000, "stream": true,
                 "messages": [{"role": "user", "content": "slowly mock:events=3 mock:interval-ms=1000"}]}""");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).get().asString().startsWith("text/event-stream");
        List<String> names = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (line.startsWith("event: ")) {
                names.add(line.substring("event: ".length()));
            }
        }
        assertThat(names.subList(0, 3)).as(response.body()).containsExactly("message_start", "ping", "content_block_start");
        assertThat(names.subList(names.size() - 3, names.size()))
                .containsExactly("content_block_stop", "message_delta", "message_stop");
        assertThat(names.stream().filter("ping"::equals).count()).as("a ping while the upstream was silent: " + names)
                .isGreaterThanOrEqualTo(3);
        assertThat(response.body()).contains("data: {\"type\":\"message_start\"");
    }

    @Test
    void aToolCallGoesRoundTripWithTheGeminiSignatureRestored() {
        MessageCreateParams.Builder question = MessageCreateParams.builder().model(GEMINI_3).maxTokens(1024)
                .addTool(weatherTool()).addUserMessage("What is the weather in Paris?");
        Message first = client.messages().create(question.build());
        assertThat(first.stopReason()).contains(StopReason.TOOL_USE);
        ToolUseBlock use = first.content().stream().filter(ContentBlock::isToolUse).findFirst().orElseThrow().asToolUse();
        assertThat(use.id()).startsWith("toolu_");
        assertThat(use.name()).isEqualTo("get_weather");
        JsonNode declared = onlyUpstreamRequest().bodyJson().at("/tools/0/functionDeclarations/0");
        assertThat(declared.path("name").asText()).isEqualTo("get_weather");
        String signature = junction.upstreamAnswer(onlyUpstreamRequest())
                .at("/candidates/0/content/parts").findValue("thoughtSignature").asText();

        junction.mock().clear();
        Message second = client.messages().create(question
                .addMessage(first)
                .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(
                        ToolResultBlockParam.builder().toolUseId(use.id()).content("{\"tempC\":15}").build())))
                .build());
        assertThat(second.stopReason()).contains(StopReason.END_TURN);
        JsonNode contents = onlyUpstreamRequest().bodyJson().path("contents");
        JsonNode call = contents.get(1).path("parts").findParent("functionCall");
        assertThat(call.at("/functionCall/name").asText()).isEqualTo("get_weather");
        assertThat(call.path("thoughtSignature").asText()).as("the signature Gemini gave, kept by Junction")
                .isEqualTo(signature);
        JsonNode response = contents.get(2).at("/parts/0/functionResponse");
        assertThat(response.path("name").asText()).isEqualTo("get_weather");
        assertThat(response.at("/response/tempC").asInt()).isEqualTo(15);
    }

    @Test
    void aToolResultMarkedAsAnErrorReachesGeminiAsAnError() throws Exception {
        HttpResponse<String> response = junction.post("/v1/messages", Map.of("x-api-key", token,
                "content-type", "application/json"), """
                {"model": "gemini-2.5-flash", "max_tokens": 100,
                 "tools": [{"name": "get_weather", "input_schema": {"type": "object"}}],
                 "messages": [
                   {"role": "user", "content": "Weather?"},
                   {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_01", "name": "get_weather", "input": {}}]},
                   {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_01", "is_error": true,
                                                 "content": "city missing"}]}]}""");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode sent = onlyUpstreamRequest().bodyJson().at("/contents/2/parts/0/functionResponse");
        assertThat(sent.path("name").asText()).isEqualTo("get_weather");
        assertThat(sent.at("/response/error").asText()).isEqualTo("city missing");
    }

    @Test
    void thinkingIsAGeminiBudgetAndComesBackAsThinkingBlocks() {
        Message message = client.messages().create(MessageCreateParams.builder().model(FLASH).maxTokens(4096)
                .enabledThinking(2048).addUserMessage("Why is the sky blue?").build());
        JsonNode thinking = onlyUpstreamRequest().bodyJson().at("/generationConfig/thinkingConfig");
        assertThat(thinking.path("thinkingBudget").asInt()).isEqualTo(2048);
        assertThat(thinking.path("includeThoughts").asBoolean()).isTrue();
        assertThat(message.content().get(0).isThinking()).isTrue();
        assertThat(message.content().get(0).asThinking().thinking()).contains("**Reading the request**");
        assertThat(text(message)).contains("This is the Junction mock").doesNotContain("**Reading the request**");
    }

    @Test
    void withoutThinkingNoThoughtsAreShown() {
        Message message = client.messages().create(MessageCreateParams.builder().model(FLASH).maxTokens(300)
                .addUserMessage("Hello").build());
        assertThat(message.content()).noneMatch(ContentBlock::isThinking);
    }

    @Test
    void countTokensAsksGeminisCountTokensForTheWholeRequest() {
        long count = client.messages().countTokens(MessageCountTokensParams.builder().model(FLASH)
                .system("Be brief.").addUserMessage("How many tokens is this?").build()).inputTokens();
        ReceivedRequest upstream = onlyUpstreamRequest();
        assertThat(upstream.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:countTokens");
        JsonNode inner = upstream.bodyJson().path("generateContentRequest");
        assertThat(inner.path("model").asText()).isEqualTo("models/gemini-2.5-flash");
        assertThat(inner.at("/contents/0/parts/0/text").asText()).isEqualTo("How many tokens is this?");
        assertThat(count).isPositive();
        HttpResponse<String> direct = junction.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(junction.mock().baseUrl() + upstream.path()))
                .header("x-goog-api-key", TestGateway.UPSTREAM_KEY).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(upstream.body())).build());
        assertThat(count).isEqualTo(json(direct.body()).path("totalTokens").asLong());
    }

    @Test
    void aWrongTokenIsAnAnthropicAuthenticationError() {
        AnthropicClient stranger = AnthropicOkHttpClient.builder().apiKey("jn-not-a-token").baseUrl(junction.baseUrl())
                .maxRetries(0).build();
        assertThatThrownBy(() -> stranger.messages().create(MessageCreateParams.builder().model(FLASH).maxTokens(10)
                .addUserMessage("hi").build()))
                .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(401);
                    assertThat(e.body().toString()).contains("authentication_error");
                });
        assertThat(junction.mock().received()).isEmpty();
    }

    @Test
    void theTokenIsAlsoTakenAsABearer() throws Exception {
        HttpResponse<String> response = junction.post("/v1/messages", TestGateway.bearer(token), """
                {"model": "gemini-2.5-flash", "max_tokens": 50, "messages": [{"role": "user", "content": "hi"}]}""");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response.body()).path("type").asText()).isEqualTo("message");
    }

    @Test
    void anUnknownModelIsANotFoundError() {
        assertThatThrownBy(() -> client.messages().create(MessageCreateParams.builder().model("claude-none")
                .maxTokens(10).addUserMessage("hi").build()))
                .isInstanceOfSatisfying(NotFoundException.class, e ->
                        assertThat(e.body().toString()).contains("not_found_error"));
    }

    @Test
    void aMalformedRequestIsAnInvalidRequestErrorNamingTheField() throws Exception {
        HttpResponse<String> missing = junction.post("/v1/messages", Map.of("x-api-key", token), """
                {"model": "gemini-2.5-flash", "messages": [{"role": "user", "content": "hi"}]}""");
        assertThat(missing.statusCode()).isEqualTo(400);
        JsonNode body = json(missing.body());
        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(body.at("/error/message").asText()).isEqualTo("max_tokens: Field required");

        HttpResponse<String> extra = junction.post("/v1/messages", Map.of("x-api-key", token), """
                {"model": "gemini-2.5-flash", "max_tokens": 5, "foo": 1, "messages": [{"role": "user", "content": "hi"}]}""");
        assertThat(extra.statusCode()).isEqualTo(400);
        assertThat(json(extra.body()).at("/error/message").asText()).isEqualTo("foo: Extra inputs are not permitted");

        assertThatThrownBy(() -> client.messages().create(MessageCreateParams.builder().model(FLASH).maxTokens(1000)
                .enabledThinking(2000).addUserMessage("hi").build()))
                .isInstanceOfSatisfying(BadRequestException.class, e ->
                        assertThat(e.getMessage()).contains("max_tokens` must be greater than `thinking.budget_tokens"));

        HttpResponse<String> garbage = junction.post("/v1/messages", Map.of("x-api-key", token), "{not json");
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(json(garbage.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(junction.mock().received()).isEmpty();
    }

    @Test
    void anOverloadedUpstreamIsA529OverloadedError() {
        assertThatThrownBy(() -> client.messages().create(MessageCreateParams.builder().model(FLASH).maxTokens(10)
                .addUserMessage("mock:error=503").build()))
                .isInstanceOfSatisfying(OverloadedException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(529);
                    assertThat(e.body().toString()).contains("overloaded_error");
                });
    }

    @Test
    void aRateLimitedUpstreamIsA429WithRetryAfter() {
        assertThatThrownBy(() -> client.messages().create(MessageCreateParams.builder().model(FLASH).maxTokens(10)
                .addUserMessage("mock:error=429").build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.headers().values("retry-after")).isNotEmpty();
                    assertThat(e.body().toString()).contains("rate_limit_error");
                });
    }

    @Test
    void aFailureMidStreamIsAnErrorEventTheSdkThrows() {
        assertThatThrownBy(() -> {
            try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(
                    MessageCreateParams.builder().model(FLASH).maxTokens(100)
                            .addUserMessage("mock:midstream-error").build())) {
                stream.stream().forEach(e -> { });
            }
        }).isInstanceOf(AnthropicServiceException.class);
    }

    @Test
    void otherMessagesPathsAreAnthropicShaped404s() throws Exception {
        HttpResponse<String> batches = junction.post("/v1/messages/batches", Map.of("x-api-key", token), "{}");
        assertThat(batches.statusCode()).isEqualTo(404);
        assertThat(json(batches.body()).at("/error/type").asText()).isEqualTo("not_found_error");
    }

    @Test
    void theUsageRecordNamesTheAnthropicApi() {
        client.messages().create(MessageCreateParams.builder().model(FLASH).maxTokens(64)
                .addUserMessage("record me").build());
        long deadline = System.nanoTime() + 5_000_000_000L;
        UsageRecord record = null;
        while (record == null && System.nanoTime() < deadline) {
            record = junction.records().stream().filter(r -> r.protocol().equals("anthropic")
                    && r.endpoint().equals("messages") && r.status() == 200).reduce((a, b) -> b).orElse(null);
        }
        assertThat(record).isNotNull();
        assertThat(record.promptTokens()).isPositive();
        assertThat(record.upstream()).isEqualTo("gemini");
    }

    private static JsonNode json(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
