package dev.junction.gateway.it;

import static dev.junction.gateway.it.OpenAiSdk.assertUsageMatches;
import static dev.junction.gateway.it.OpenAiSdk.extraText;
import static dev.junction.gateway.it.OpenAiSdk.generationConfig;
import static dev.junction.gateway.it.OpenAiSdk.onlyUpstreamRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.ReasoningEffort;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.junction.mock.gemini.ReceivedRequest;
import dev.junction.gateway.testing.TestGateway;
import dev.junction.protocol.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streaming through the OpenAI SDK ({@code stream: true}, S3): chunk shapes strict clients rely
 * on, usage, thoughts, finish reasons, and that chunks are not held back.
 */
class OpenAiStreamingSdkTest {
    private static final String FLASH = "gemini-2.5-flash";

    @TempDir
    static Path dir;

    static TestGateway junction;
    static String token;
    static OpenAIClient client;

    @BeforeAll
    static void start() {
        junction = TestGateway.start(dir);
        token = junction.issue("openai-stream-user");
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

    /** A chunk and when it arrived. */
    record Arrival(ChatCompletionChunk chunk, long nanos) {}

    static List<Arrival> stream(ChatCompletionCreateParams params) {
        List<Arrival> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunk -> chunks.add(new Arrival(chunk, System.nanoTime())));
        }
        return chunks;
    }

    static List<ChatCompletionChunk> chunks(ChatCompletionCreateParams params) {
        return stream(params).stream().map(Arrival::chunk).toList();
    }

    static String content(List<ChatCompletionChunk> chunks, long choice) {
        StringBuilder text = new StringBuilder();
        for (ChatCompletionChunk chunk : chunks) {
            for (ChatCompletionChunk.Choice c : chunk.choices()) {
                if (c.index() == choice) {
                    c.delta().content().ifPresent(text::append);
                }
            }
        }
        return text.toString();
    }

    static String reasoning(List<ChatCompletionChunk> chunks) {
        StringBuilder text = new StringBuilder();
        for (ChatCompletionChunk chunk : chunks) {
            for (ChatCompletionChunk.Choice c : chunk.choices()) {
                extraText(c.delta()._additionalProperties(), "reasoning_content").ifPresent(text::append);
            }
        }
        return text.toString();
    }

    static List<ChatCompletionChunk.Choice.FinishReason> finishReasons(List<ChatCompletionChunk> chunks) {
        List<ChatCompletionChunk.Choice.FinishReason> reasons = new ArrayList<>();
        for (ChatCompletionChunk chunk : chunks) {
            for (ChatCompletionChunk.Choice c : chunk.choices()) {
                c.finishReason().ifPresent(reasons::add);
            }
        }
        return reasons;
    }

    @Test
    void theSpecsStreamingExample() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model(FLASH)
                .addUserMessage("写一首诗")
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build();
        List<ChatCompletionChunk> chunks = chunks(params);

        ReceivedRequest upstream = onlyUpstreamRequest(junction);
        assertThat(upstream.pathAndQuery()).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
        JsonNode answer = junction.upstreamAnswer(upstream);

        long contentChunks = chunks.stream()
                .filter(c -> c.choices().stream().anyMatch(ch -> ch.delta().content().filter(t -> !t.isEmpty()).isPresent()))
                .count();
        assertThat(contentChunks).isGreaterThanOrEqualTo(3);
        ChatCompletionChunk first = chunks.get(0);
        assertThat(first.choices()).hasSize(1);
        assertThat(first.choices().get(0).delta().role()).contains(ChatCompletionChunk.Choice.Delta.Role.ASSISTANT);
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.id()).isEqualTo(first.id()).startsWith("chatcmpl-");
            assertThat(c.model()).isEqualTo(FLASH);
            assertThat(c.created()).isEqualTo(first.created());
        });
        assertThat(finishReasons(chunks)).containsExactly(ChatCompletionChunk.Choice.FinishReason.STOP);
        assertThat(content(chunks, 0)).isEqualTo(answer.at("/candidates/0/content/parts/0/text").asText())
                .contains("写一首诗");

        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertThat(last.choices()).isEmpty();
        assertUsageMatches(last.usage().orElseThrow(), answer.path("usageMetadata"));
        assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy(c -> assertThat(c.usage()).isEmpty());
    }

    @Test
    void withoutIncludeUsageThereIsNoUsageChunk() {
        List<ChatCompletionChunk> chunks = chunks(ChatCompletionCreateParams.builder().model(FLASH)
                .addUserMessage("写一首诗").build());
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.usage()).isEmpty();
            assertThat(c.choices()).hasSize(1);
        });
        assertThat(finishReasons(chunks)).containsExactly(ChatCompletionChunk.Choice.FinishReason.STOP);
    }

    @Test
    void chunksAreNotHeldBackUntilTheUpstreamFinishes() {
        long start = System.nanoTime();
        List<Arrival> arrivals = stream(ChatCompletionCreateParams.builder().model(FLASH)
                .addUserMessage("Count slowly mock:events=5 mock:interval-ms=300").build());

        List<Arrival> content = arrivals.stream()
                .filter(a -> a.chunk().choices().stream().anyMatch(c -> c.delta().content().filter(t -> !t.isEmpty())
                        .isPresent()))
                .toList();
        assertThat(content).hasSize(5);
        long firstMillis = (content.get(0).nanos() - start) / 1_000_000;
        long lastMillis = (content.get(4).nanos() - start) / 1_000_000;
        assertThat(lastMillis).as("the upstream takes 4 × 300 ms").isGreaterThanOrEqualTo(1200);
        assertThat(firstMillis).as("ms to the first content chunk").isLessThan(lastMillis - 800);
        long firstToLastMillis = (content.get(4).nanos() - content.get(0).nanos()) / 1_000_000;
        // The upstream spaces its 5 events 300 ms apart: a relay that buffered would deliver them together.
        assertThat(firstToLastMillis).as("ms between the first and last content chunk").isGreaterThan(800);
        for (int i = 1; i < content.size(); i++) {
            assertThat((content.get(i).nanos() - content.get(i - 1).nanos()) / 1_000_000)
                    .as("gap before chunk %d", i).isGreaterThan(100);
        }
    }

    @Test
    void closingTheStreamEarlyEndsTheUpstreamCall() throws InterruptedException {
        int before = junction.records().size();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model(FLASH)
                        .addUserMessage("A long story mock:events=20 mock:interval-ms=250").build())) {
            var chunks = stream.stream().iterator();
            chunks.next();
            chunks.next();
        }
        // The upstream would take 20 × 250 ms; the gateway must notice the client left long before.
        long deadline = System.nanoTime() + 10_000_000_000L;
        java.util.Optional<dev.junction.gateway.usage.UsageRecord> record = java.util.Optional.empty();
        while (record.isEmpty() && System.nanoTime() < deadline) {
            record = junction.records().stream().skip(before).filter(r -> r.stream()).findFirst();
            Thread.sleep(20);
        }
        assertThat(record).as("the request finished").isPresent();
        assertThat(record.get().clientGone()).isTrue();
        assertThat(record.get().latencyMillis()).as("ms until Junction let go").isLessThan(3000);
    }

    @Test
    void thoughtsStreamAsReasoningContentWhenAskedForWithTheSdksExtraBody() {
        List<ChatCompletionChunk> chunks = chunks(ChatCompletionCreateParams.builder().model(FLASH)
                .addUserMessage("解释量子纠缠")
                .reasoningEffort(ReasoningEffort.HIGH)
                .putAdditionalBodyProperty("google",
                        JsonValue.from(Map.of("thinking_config", Map.of("include_thoughts", true))))
                .build());

        JsonNode thinking = generationConfig(junction).path("thinkingConfig");
        assertThat(thinking.path("includeThoughts").asBoolean()).isTrue();
        assertThat(thinking.path("thinkingBudget").asInt()).isEqualTo(24576);
        String reasoning = reasoning(chunks);
        assertThat(reasoning).contains("**Reading the request**").contains("**Composing the answer**");
        assertThat(content(chunks, 0)).startsWith("This is the Junction mock").doesNotContain("**Reading");
        // Thoughts come first, as Gemini sends them.
        int firstReasoning = -1;
        int firstContent = -1;
        for (int i = 0; i < chunks.size(); i++) {
            ChatCompletionChunk.Choice.Delta delta = chunks.get(i).choices().isEmpty() ? null
                    : chunks.get(i).choices().get(0).delta();
            if (delta == null) {
                continue;
            }
            if (firstReasoning < 0 && extraText(delta._additionalProperties(), "reasoning_content").isPresent()) {
                firstReasoning = i;
            }
            if (firstContent < 0 && delta.content().filter(t -> !t.isEmpty()).isPresent()) {
                firstContent = i;
            }
        }
        assertThat(firstReasoning).isPositive().isLessThan(firstContent);
    }

    @Test
    void thoughtsStreamWithALiteralExtraBodyKey() throws Exception {
        HttpResponse<String> response = junction.post("/v1/chat/completions", TestGateway.bearer(token), """
                {"model": "gemini-2.5-flash", "stream": true,
                 "messages": [{"role": "user", "content": "解释量子纠缠"}],
                 "reasoning_effort": "high",
                 "extra_body": {"google": {"thinking_config": {"include_thoughts": true}}}}""");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).get().asString().startsWith("text/event-stream");
        StringBuilder reasoning = new StringBuilder();
        List<String> lines = response.body().lines().filter(l -> l.startsWith("data: ")).toList();
        assertThat(lines.get(lines.size() - 1)).isEqualTo("data: [DONE]");
        for (String line : lines.subList(0, lines.size() - 1)) {
            JsonNode chunk = Json.MAPPER.readTree(line.substring(6));
            reasoning.append(chunk.at("/choices/0/delta/reasoning_content").asText(""));
        }
        assertThat(reasoning.toString()).contains("**Reading the request**");
        assertThat(generationConfig(junction).at("/thinkingConfig/includeThoughts").asBoolean()).isTrue();
    }

    @Test
    void withoutIncludeThoughtsNoReasoningContentStreams() {
        List<ChatCompletionChunk> chunks = chunks(ChatCompletionCreateParams.builder().model("gemini-3-pro-preview")
                .addUserMessage("解释量子纠缠")
                .reasoningEffort(ReasoningEffort.HIGH)
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build());
        assertThat(reasoning(chunks)).isEmpty();
        assertThat(generationConfig(junction).path("thinkingConfig").has("includeThoughts")).isFalse();
        assertThat(generationConfig(junction).at("/thinkingConfig/thinkingLevel").asText()).isEqualTo("high");
        // Gemini 3 thought, even if it does not show it: the thoughts are counted.
        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertThat(last.usage().orElseThrow().completionTokensDetails().orElseThrow().reasoningTokens().orElseThrow())
                .isPositive();
        assertThat(finishReasons(chunks)).containsExactly(ChatCompletionChunk.Choice.FinishReason.STOP);
    }

    @Test
    void jsonModeStreamsJson() throws Exception {
        List<ChatCompletionChunk> chunks = chunks(ChatCompletionCreateParams.builder().model(FLASH)
                .addUserMessage("生成一个用户信息 JSON")
                .responseFormat(com.openai.models.ResponseFormatJsonObject.builder().build())
                .build());
        assertThat(generationConfig(junction).path("responseMimeType").asText()).isEqualTo("application/json");
        JsonNode content = Json.MAPPER.readTree(content(chunks, 0));
        assertThat(content.path("name").asText()).isEqualTo("Junction mock");
        assertThat(finishReasons(chunks)).containsExactly(ChatCompletionChunk.Choice.FinishReason.STOP);
    }

    @Test
    void samplingParametersReachTheUpstreamOfAStream() {
        chunks(ChatCompletionCreateParams.builder().model(FLASH)
                .addUserMessage("Write a haiku")
                .temperature(1.5)
                .topP(0.25)
                .maxCompletionTokens(2000L)
                .stopOfStrings(List.of("END", "STOP"))
                .seed(7L)
                .presencePenalty(-1.0)
                .frequencyPenalty(1.0)
                .build());
        JsonNode config = generationConfig(junction);
        assertThat(config.path("temperature").asDouble()).isEqualTo(1.5);
        assertThat(config.path("topP").asDouble()).isEqualTo(0.25);
        assertThat(config.path("maxOutputTokens").asInt()).isEqualTo(2000);
        assertThat(config.path("stopSequences").toString()).isEqualTo("[\"END\",\"STOP\"]");
        assertThat(config.path("seed").asInt()).isEqualTo(7);
        assertThat(config.path("presencePenalty").asDouble()).isEqualTo(-1.0);
        assertThat(config.path("frequencyPenalty").asDouble()).isEqualTo(1.0);
    }

    @Test
    void twoChoicesStreamSideBySide() {
        List<ChatCompletionChunk> chunks = chunks(ChatCompletionCreateParams.builder().model(FLASH)
                .addUserMessage("Name a colour")
                .n(2L)
                .build());
        assertThat(generationConfig(junction).path("candidateCount").asInt()).isEqualTo(2);
        assertThat(content(chunks, 0)).contains("Name a colour");
        assertThat(content(chunks, 1)).isEqualTo(content(chunks, 0));
        List<Long> finished = new ArrayList<>();
        for (ChatCompletionChunk chunk : chunks) {
            for (ChatCompletionChunk.Choice c : chunk.choices()) {
                if (c.finishReason().isPresent()) {
                    finished.add(c.index());
                }
            }
        }
        assertThat(finished).containsExactlyInAnyOrder(0L, 1L);
    }

    @Test
    void finishReasonsLengthAndContentFilter() {
        assertThat(finishReasons(chunks(ChatCompletionCreateParams.builder().model(FLASH)
                .addUserMessage("Tell me a story mock:finish=MAX_TOKENS").build())))
                .containsExactly(ChatCompletionChunk.Choice.FinishReason.LENGTH);
        assertThat(finishReasons(chunks(ChatCompletionCreateParams.builder().model(FLASH)
                .addUserMessage("Something risky mock:finish=SAFETY").build())))
                .containsExactly(ChatCompletionChunk.Choice.FinishReason.CONTENT_FILTER);
    }

    @Test
    void aBlockedPromptEndsTheStreamWithContentFilterAndSaysWhy() {
        List<ChatCompletionChunk> chunks = chunks(ChatCompletionCreateParams.builder().model(FLASH)
                .addUserMessage("Something forbidden mock:block").build());
        assertThat(finishReasons(chunks)).containsExactly(ChatCompletionChunk.Choice.FinishReason.CONTENT_FILTER);
        Optional<String> refusal = chunks.stream().flatMap(c -> c.choices().stream())
                .flatMap(c -> c.delta().refusal().stream()).filter(r -> !r.isEmpty()).findFirst();
        assertThat(refusal).get().asString().contains("blockReason: SAFETY");
        assertThat(content(chunks, 0)).isEmpty();
    }
}
