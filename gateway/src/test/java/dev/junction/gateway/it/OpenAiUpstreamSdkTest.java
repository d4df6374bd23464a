package dev.junction.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.InternalServerException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.junction.gateway.testing.FakeOpenAi;
import dev.junction.gateway.testing.TestGateway;
import dev.junction.gateway.usage.UsageRecord;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official OpenAI Java SDK pointed at Junction, with {@code openai} upstreams (our local
 * OpenAI-compatible server): requests pass through with only the model and the key changed,
 * unknown fields included; streams are metered with the usage chunk Junction asked for and that
 * chunk is taken out when the client did not ask; embeddings pass through too; errors rest keys, keep Retry-After, fail over
 * before the first byte and never after; the key never reaches the client.
 */
class OpenAiUpstreamSdkTest {
    private static final String KEY = "sk-deepseek-test-0001";
    private static final String BAD_KEY = "sk-revoked-test-0002";
    private static final String SECOND_KEY = "sk-rotating-test-0003";
    private static final String LEAKY_KEY = "sk-leaky-test-0004";
    private static final String LIMITED_KEY = "sk-limited-test-0005";
    private static final String COOLING_KEY = "sk-cooling-test-0006";

    @TempDir
    static Path dir;

    static FakeOpenAi vendor;
    static TestGateway junction;
    static String token;
    static OpenAIClient client;

    @BeforeAll
    static void start() {
        vendor = new FakeOpenAi(Set.of(KEY, SECOND_KEY, LEAKY_KEY, LIMITED_KEY, COOLING_KEY));
        junction = TestGateway.start(dir, mockUrl -> """
                server:
                  port: 0
                data_dir: %1$s
                upstreams:
                  - name: deepseek
                    type: openai
                    base_url: %2$s
                    api_keys: [%3$s]
                    models: ["deepseek-*", "text-embedding-*"]
                    model_map: {fast: deepseek-chat, with-fallback: deepseek-chat, embed: text-embedding-3-small}
                  - name: rotating
                    type: openai
                    base_url: %2$s
                    api_keys: [%4$s, %5$s]
                    models: [rotate-model]
                  - name: leaky
                    type: openai
                    base_url: %2$s
                    api_keys: [%6$s]
                    models: [leak-model]
                  - name: limited
                    type: openai
                    base_url: %2$s
                    api_keys: [%7$s]
                    models: [limited-model]
                  - name: cooling
                    type: openai
                    base_url: %2$s
                    api_keys: [%10$s]
                    models: [cooling-model]
                  - name: gemini
                    base_url: %8$s
                    api_keys: [%9$s]
                    models: ["gemini-*"]
                    model_map: {with-fallback: gemini-2.5-flash, cooling-model: gemini-2.5-flash}
                    priority: 1
                """.formatted(dir.resolve("data"), vendor.baseUrl(), KEY, BAD_KEY, SECOND_KEY, LEAKY_KEY, LIMITED_KEY,
                mockUrl, TestGateway.UPSTREAM_KEY, COOLING_KEY));
        token = junction.issue("openai-upstream-user");
        client = OpenAiSdk.clientWithoutRetries(junction, token);
    }

    @AfterAll
    static void stop() {
        junction.close();
        vendor.close();
    }

    @BeforeEach
    void clear() {
        vendor.clear();
        junction.mock().clear();
    }

    private static FakeOpenAi.Received onlyUpstreamRequest() {
        List<FakeOpenAi.Received> received = vendor.received();
        assertThat(received).hasSize(1);
        return received.get(0);
    }

    /** The record of the request whose upstream body was {@code sent} (its prompt count is its own). */
    private static UsageRecord recordOf(String upstream, JsonNode sent) {
        int prompt = FakeOpenAi.promptTokens(sent);
        boolean stream = sent.path("stream").asBoolean(false);
        List<UsageRecord> records = junction.awaitRecords(r -> r.upstream().equals(upstream)
                && r.promptTokens() == prompt && r.stream() == stream, 1);
        return records.get(records.size() - 1);
    }

    @Test
    void aRequestPassesThroughWithOnlyTheModelAndKeyChangedUnknownFieldsIncluded() {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("fast")
                .addSystemMessage("Be brief.")
                .addUserMessage("Hello there")
                .temperature(0.25)
                .putAdditionalBodyProperty("vendor_flag", JsonValue.from(Map.of("mode", "exact", "level", 3)))
                .putAdditionalBodyProperty("top_k", JsonValue.from(40))
                .build());

        assertThat(completion.choices().get(0).message().content()).contains("Hello from deepseek-chat: Hello there");
        assertThat(completion.id()).as("the vendor's own answer, relayed as it came").isEqualTo("chatcmpl-fake01");
        assertThat(completion.systemFingerprint()).contains("fp_fake");

        FakeOpenAi.Received sent = onlyUpstreamRequest();
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(sent.headers().toString()).doesNotContain(token);
        JsonNode body = sent.body();
        assertThat(body.path("model").asText()).as("the alias resolved").isEqualTo("deepseek-chat");
        assertThat(body.at("/vendor_flag/mode").asText()).isEqualTo("exact");
        assertThat(body.at("/vendor_flag/level").asInt()).isEqualTo(3);
        assertThat(body.path("top_k").asInt()).isEqualTo(40);
        assertThat(body.path("temperature").decimalValue()).isEqualByComparingTo("0.25");
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(body.at("/messages/1/content").asText()).isEqualTo("Hello there");
        assertThat(body.has("stream_options")).isFalse();

        UsageRecord record = recordOf("deepseek", body);
        assertThat(record.promptTokens()).isEqualTo(completion.usage().orElseThrow().promptTokens());
        assertThat(record.cachedTokens()).isEqualTo(FakeOpenAi.CACHED);
        assertThat(record.outputTokens()).isEqualTo(completion.usage().orElseThrow().completionTokens());
        assertThat(record.estimated()).isFalse();
    }

    @Test
    void aLiteralExtraBodyIsMovedToTheTopLevelAsTheSdksDo() {
        HttpResponse<String> response = junction.post("/v1/chat/completions", TestGateway.bearer(token), """
                {"model": "deepseek-chat", "messages": [{"role": "user", "content": "hi"}],
                 "extra_body": {"enable_search": true}}""");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = onlyUpstreamRequest().body();
        assertThat(body.has("extra_body")).isFalse();
        assertThat(body.path("enable_search").asBoolean()).isTrue();
    }

    @Test
    void aStreamIsMeteredButTheClientGetsNoUsageChunkItDidNotAskFor() {
        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("deepseek-chat").addUserMessage("Stream me a greeting")
                        .build())) {
            chunks = stream.stream().toList();
        }
        StringBuilder text = new StringBuilder();
        chunks.stream().flatMap(c -> c.choices().stream()).forEach(c -> c.delta().content().ifPresent(text::append));
        assertThat(text.toString()).isEqualTo("Hello from deepseek-chat: Stream me a greeting");
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.usage()).isEmpty();
            assertThat(c.choices()).isNotEmpty();
        });
        JsonNode sent = onlyUpstreamRequest().body();
        assertThat(sent.path("stream").asBoolean()).isTrue();
        assertThat(sent.at("/stream_options/include_usage").asBoolean()).as("Junction asks, to meter").isTrue();

        UsageRecord record = recordOf("deepseek", sent);
        assertThat(record.stream()).isTrue();
        assertThat(record.outputTokens()).isPositive();
    }

    @Test
    void onTheWireTheStreamHasNoUsageKeyAndEndsWithDone() {
        HttpResponse<String> response = junction.post("/v1/chat/completions", TestGateway.bearer(token), """
                {"model": "deepseek-chat", "stream": true, "messages": [{"role": "user", "content": "hi"}]}""");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("usage").contains("\"finish_reason\":\"stop\"")
                .endsWith("data: [DONE]\n\n");
    }

    @Test
    void aClientThatAsksForUsageGetsTheVendorsUsageChunk() {
        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("deepseek-chat").addUserMessage("Count me")
                        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            chunks = stream.stream().toList();
        }
        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertThat(last.choices()).isEmpty();
        assertThat(last.usage().orElseThrow().promptTokensDetails().orElseThrow().cachedTokens())
                .contains((long) FakeOpenAi.CACHED);
        UsageRecord record = recordOf("deepseek", onlyUpstreamRequest().body());
        assertThat(record.outputTokens()).isEqualTo(last.usage().orElseThrow().completionTokens());
    }

    @Test
    void toolCallsGoRoundTripWithTheVendorsIds() {
        ChatCompletion first = client.chat().completions().create(
                OpenAiToolsSdkTest.weatherQuestion("deepseek-chat", "What is the weather in Paris?").build());
        assertThat(first.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        List<OpenAiToolsSdkTest.Call> calls = OpenAiToolsSdkTest.calls(first.choices().get(0).message());
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).id()).startsWith("call_fake");
        assertThat(OpenAiToolsSdkTest.json(calls.get(0).arguments()).path("location").asText()).isEqualTo("Paris");

        vendor.clear();
        ChatCompletion second = client.chat().completions().create(
                OpenAiToolsSdkTest.weatherQuestion("deepseek-chat", "What is the weather in Paris?")
                        .addMessage(first.choices().get(0).message())
                        .addMessage(OpenAiToolsSdkTest.result(calls.get(0), "{\"tempC\":15}"))
                        .build());
        assertThat(second.choices().get(0).message().content()).contains("The tool said: {\"tempC\":15}");
        JsonNode messages = onlyUpstreamRequest().body().path("messages");
        assertThat(messages.at("/1/tool_calls/0/id").asText()).isEqualTo(calls.get(0).id());
        assertThat(messages.at("/2/tool_call_id").asText()).isEqualTo(calls.get(0).id());
    }

    @Test
    void aStreamedToolCallArrivesInTheVendorsFragments() {
        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                OpenAiToolsSdkTest.weatherQuestion("deepseek-chat", "Weather in Paris, streamed").build())) {
            chunks = stream.stream().toList();
        }
        List<OpenAiToolsSdkTest.Call> calls = OpenAiToolsSdkTest.calls(chunks);
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).name()).isEqualTo("get_weather");
        assertThat(OpenAiToolsSdkTest.json(calls.get(0).arguments()).path("unit").asText()).isEqualTo("celsius");
        assertThat(chunks.stream().flatMap(c -> c.choices().stream()).flatMap(c -> c.finishReason().stream()).toList())
                .containsExactly(ChatCompletionChunk.Choice.FinishReason.TOOL_CALLS);
    }

    @Test
    void aRejectedKeyRestsAndTheNextKeyServes() {
        for (int i = 0; i < 3; i++) {
            vendor.clear();
            ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                    .model("rotate-model").addUserMessage("hello " + i).build());
            assertThat(completion.choices().get(0).message().content().orElseThrow()).contains("hello " + i);
            List<String> keys = vendor.received().stream().map(r -> r.header("Authorization")).toList();
            if (i == 0) {
                assertThat(keys).containsExactly("Bearer " + BAD_KEY, "Bearer " + SECOND_KEY);
            } else {
                assertThat(keys).as("the rejected key rests").containsExactly("Bearer " + SECOND_KEY);
            }
        }
    }

    @Test
    void aRejectedKeyIsTheOperatorsFaultAndItsEchoNeverReachesTheClient() {
        HttpResponse<String> response = junction.post("/v1/chat/completions", TestGateway.bearer(token), """
                {"model": "leak-model", "messages": [{"role": "user", "content": "openai:error=401"}]}""");
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).doesNotContain(LEAKY_KEY).contains("upstream_auth_failed");
        assertThat(vendor.received().get(0).header("Authorization")).isEqualTo("Bearer " + LEAKY_KEY);
    }

    @Test
    void aRateLimitKeepsItsRetryAfter() {
        HttpResponse<String> response = junction.post("/v1/chat/completions", TestGateway.bearer(token), """
                {"model": "limited-model", "messages": [{"role": "user", "content": "openai:error=429"}]}""");
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).contains("7");
        assertThat(response.body()).contains("rate_limit_exceeded").contains("Rate limit reached");
    }

    @Test
    void aRateLimitedUpstreamCoolsDownAndTheOthersServeMeanwhile() {
        ChatCompletion first = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("cooling-model").addUserMessage("openai:error=429").build());
        assertThat(first.choices().get(0).message().content().orElseThrow()).contains("Junction mock");
        assertThat(vendor.received()).hasSize(1);

        vendor.clear();
        junction.mock().clear();
        ChatCompletion second = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("cooling-model").addUserMessage("hello again").build());
        assertThat(second.choices().get(0).message().content().orElseThrow()).contains("Junction mock");
        assertThat(vendor.received()).as("its key rests for the vendor's Retry-After").isEmpty();
        assertThat(junction.mock().received()).hasSize(1);
    }

    @Test
    void aServerErrorFailsOverToTheNextUpstreamBeforeTheFirstByte() {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("with-fallback").addUserMessage("openai:error=500 hello").build());
        assertThat(completion.choices().get(0).message().content().orElseThrow())
                .contains("Junction mock of gemini-2.5-flash");
        assertThat(vendor.received()).hasSize(1);
        assertThat(junction.mock().received()).hasSize(1);
        assertThat(junction.awaitRecords(r -> r.upstream().equals("gemini") && r.status() == 200, 1)).isNotEmpty();
    }

    @Test
    void aBadRequestIsTheClientsAndIsNotRetriedElsewhere() {
        HttpResponse<String> response = junction.post("/v1/chat/completions", TestGateway.bearer(token), """
                {"model": "with-fallback", "messages": [{"role": "user", "content": "openai:error=400"}]}""");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"param\":\"temperature\"").contains("invalid_value");
        assertThat(junction.mock().received()).isEmpty();
    }

    @Test
    void aFailureAfterTheFirstByteIsToldInTheStreamAndNotRetried() {
        HttpResponse<String> response = junction.post("/v1/chat/completions", TestGateway.bearer(token), """
                {"model": "with-fallback", "stream": true,
                 "messages": [{"role": "user", "content": "openai:midstream-error hi"}]}""");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"content\":\"Hello from").contains("{\"error\":")
                .contains("[redacted]").doesNotContain(KEY).doesNotContain("[DONE]");
        assertThat(junction.mock().received()).isEmpty();
        assertThatThrownBy(() -> {
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                    ChatCompletionCreateParams.builder().model("deepseek-chat")
                            .addUserMessage("openai:midstream-error again").build())) {
                stream.stream().toList();
            }
        }).hasMessageContaining("server had an error");
    }

    @Test
    void aStreamCutBeforeItsFinishEndsWithAnErrorAndOneWithoutDoneIsCompleted() {
        HttpResponse<String> cut = junction.post("/v1/chat/completions", TestGateway.bearer(token), """
                {"model": "deepseek-chat", "stream": true, "messages": [{"role": "user", "content": "openai:cut"}]}""");
        assertThat(cut.body()).contains("{\"error\":").contains("ended before the answer was finished")
                .doesNotContain("[DONE]");
        HttpResponse<String> noDone = junction.post("/v1/chat/completions", TestGateway.bearer(token), """
                {"model": "deepseek-chat", "stream": true,
                 "messages": [{"role": "user", "content": "openai:no-done"}]}""");
        assertThat(noDone.body()).doesNotContain("error").endsWith("data: [DONE]\n\n");
    }

    @Test
    void embeddingsPassThroughWithOnlyTheModelChanged() {
        CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder().model("embed")
                .inputOfArrayOfStrings(List.of("the first text", "second"))
                .dimensions(3).encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT)
                .putAdditionalBodyProperty("vendor_flag", JsonValue.from(true)).build());
        assertThat(response.data()).hasSize(2);
        assertThat(response.data().get(1).embedding()).containsExactly(1.0f, 0.5f, 1.0f / 3);
        assertThat(response.model()).as("the vendor's answer as it came").isEqualTo("text-embedding-3-small");
        FakeOpenAi.Received sent = onlyUpstreamRequest();
        assertThat(sent.path()).isEqualTo("/v1/embeddings");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(sent.body().path("model").asText()).isEqualTo("text-embedding-3-small");
        assertThat(sent.body().path("vendor_flag").asBoolean()).isTrue();
        assertThat(sent.body().path("dimensions").asInt()).isEqualTo(3);
        UsageRecord record = junction.awaitRecords(r -> r.upstream().equals("deepseek")
                && r.model().equals("embed"), 1).get(0);
        assertThat(record.promptTokens()).as("the vendor's count").isEqualTo(4);
        assertThat(record.estimated()).isFalse();
        assertThat(record.outputTokens()).isZero();
    }

    @Test
    void base64EmbeddingsAreRelayedAsTheVendorEncodedThem() {
        HttpResponse<String> raw = junction.post("/v1/embeddings", TestGateway.bearer(token), """
                {"model": "text-embedding-3-small", "input": "openai:no-usage hello", "encoding_format": "base64"}""");
        assertThat(raw.statusCode()).as(raw.body()).isEqualTo(200);
        JsonNode body = OpenAiToolsSdkTest.json(raw.body());
        assertThat(body.at("/data/0/embedding").isTextual()).isTrue();
        assertThat(body.has("usage")).isFalse();
        CreateEmbeddingResponse decoded = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("text-embedding-3-small").input("hello")
                .encodingFormat(EmbeddingCreateParams.EncodingFormat.BASE64).build());
        assertThat(decoded.data().get(0).embedding()).containsExactly(0.5f, 0.25f, 0.5f / 3, 0.125f);
        UsageRecord estimated = junction.awaitRecords(r -> r.upstream().equals("deepseek")
                && r.model().equals("text-embedding-3-small") && r.estimated(), 1).get(0);
        assertThat(estimated.promptTokens()).isPositive();
    }

    @Test
    void theModelListNamesTheOperatorsUpstreamAsOwner() {
        List<com.openai.models.models.Model> models = client.models().list().data();
        assertThat(models).filteredOn(m -> m.id().equals("fast")).singleElement()
                .satisfies(m -> assertThat(m.ownedBy()).isEqualTo("deepseek"));
        assertThat(models).filteredOn(m -> m.id().equals("rotate-model")).singleElement()
                .satisfies(m -> assertThat(m.ownedBy()).isEqualTo("rotating"));
    }

    @Test
    void aVendorsGarbageIsAClean502OrAnErrorChunkInTheClientsShape() {
        HttpResponse<String> whole = junction.post("/v1/chat/completions", TestGateway.bearer(token), """
                {"model": "deepseek-chat", "messages": [{"role": "user", "content": "openai:garbage"}]}""");
        assertThat(whole.statusCode()).isEqualTo(502);
        assertThat(whole.body()).contains("not whole JSON").doesNotContain("<html>");
        HttpResponse<String> stream = junction.post("/v1/chat/completions", TestGateway.bearer(token), """
                {"model": "deepseek-chat", "stream": true, "messages": [{"role": "user", "content": "openai:garbage"}]}""");
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.body()).contains("\"content\":\"Hi\"").contains("{\"error\":").contains("not JSON")
                .doesNotContain("<html>").doesNotContain("[DONE]");
    }

    @Test
    void aServerErrorWithNoFallbackIsAClean502() {
        assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("deepseek-chat").addUserMessage("openai:error=500").build()))
                .isInstanceOfSatisfying(InternalServerException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(502));
    }
}
