package dev.junction.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.gateway.testing.FakeAnthropic;
import dev.junction.gateway.testing.FakeOpenAi;
import dev.junction.gateway.testing.FakeVertex;
import dev.junction.gateway.testing.TestGateway;
import dev.junction.gateway.usage.UsageRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One Junction in front of several kinds of upstream at once (the Gemini mock, a Vertex AI of
 * ours with a service-account key whose token endpoint is ours too, an Anthropic Messages
 * server of ours and an OpenAI-compatible one): the same OpenAI SDK and Google GenAI SDK calls reach each, by model name,
 * and each usage record names the upstream that served.
 */
class ManyUpstreamsTest {
    private static final String ANTHROPIC_KEY = "sk-ant-many-0001";
    private static final String OPENAI_KEY = "sk-openai-many-0001";

    @TempDir
    static Path dir;

    static FakeVertex vertex;
    static FakeAnthropic anthropic;
    static FakeOpenAi compatible;
    static TestGateway junction;
    static String token;
    static OpenAIClient openai;
    static Client google;

    @BeforeAll
    static void start() {
        vertex = new FakeVertex();
        anthropic = new FakeAnthropic(Set.of(ANTHROPIC_KEY));
        compatible = new FakeOpenAi(Set.of(OPENAI_KEY));
        Path key = vertex.writeKeyFile(dir, "many-project");
        junction = TestGateway.start(dir, mockUrl -> """
                server:
                  port: 0
                data_dir: %s
                upstreams:
                  - name: google
                    base_url: %s
                    api_keys: [%s]
                    models: ["gemini-*"]
                  - name: vertex
                    type: vertex
                    credentials_file: %s
                    location: europe-west4
                    base_url: %s
                    models: ["vertex-flash"]
                    model_map: {vertex-flash: gemini-2.5-flash}
                  - name: claude
                    type: anthropic
                    base_url: %s
                    api_keys: [%s]
                    models: ["claude-*"]
                  - name: deepseek
                    type: openai
                    base_url: %s
                    api_keys: [%s]
                    models: ["deepseek-*"]
                """.formatted(dir.resolve("data"), mockUrl, TestGateway.UPSTREAM_KEY, key, vertex.baseUrl(),
                anthropic.baseUrl(), ANTHROPIC_KEY, compatible.baseUrl(), OPENAI_KEY));
        token = junction.issue("many-upstreams-user");
        openai = OpenAiSdk.clientWithoutRetries(junction, token);
        google = Client.builder().apiKey(token)
                .httpOptions(HttpOptions.builder().baseUrl(junction.baseUrl()).build()).build();
    }

    @AfterAll
    static void stop() {
        junction.close();
        vertex.close();
        anthropic.close();
        compatible.close();
    }

    /** The model a client names, the upstream that must serve it, and a phrase only that upstream answers with. */
    static Stream<Arguments> upstreams() {
        return Stream.of(
                Arguments.of("gemini-2.5-flash", "google", "gemini-2.5-flash"),
                Arguments.of("vertex-flash", "vertex", "vertex"),
                Arguments.of("claude-sonnet-4-5", "claude", "Hello from Claude"),
                Arguments.of("deepseek-chat", "deepseek", "Hello from deepseek-chat"));
    }

    private static UsageRecord recordAfter(Instant before, String upstream) {
        return junction.awaitRecords(r -> r.upstream().equals(upstream) && !r.time().isBefore(before), 1).get(0);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("upstreams")
    void theOpenAiSdkReachesEachUpstreamByModelName(String model, String upstream, String phrase) {
        Instant before = Instant.now();
        ChatCompletion answer = openai.chat().completions().create(ChatCompletionCreateParams.builder()
                .model(model).addUserMessage("hello from openai " + upstream).build());
        assertThat(answer.choices().get(0).message().content()).hasValueSatisfying(t -> assertThat(t).contains(phrase));
        assertThat(answer.model()).isEqualTo(model);
        UsageRecord record = recordAfter(before, upstream);
        assertThat(record.model()).isEqualTo(model);
        assertThat(record.promptTokens()).isPositive();
        assertThat(record.outputTokens()).isPositive();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("upstreams")
    void theOpenAiSdkStreamsFromEachUpstream(String model, String upstream, String phrase) {
        Instant before = Instant.now();
        String text;
        try (StreamResponse<ChatCompletionChunk> stream = openai.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model(model).addUserMessage("stream please " + upstream).build())) {
            text = stream.stream().flatMap(c -> c.choices().stream())
                    .map(c -> c.delta().content().orElse("")).collect(Collectors.joining());
        }
        assertThat(text).contains(phrase);
        assertThat(recordAfter(before, upstream).outputTokens()).isPositive();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("upstreams")
    void theGoogleSdkReachesEachUpstreamByModelName(String model, String upstream, String phrase) {
        Instant before = Instant.now();
        GenerateContentResponse answer = google.models.generateContent(model, "hello from google " + upstream, null);
        assertThat(answer.text()).contains(phrase);
        assertThat(answer.usageMetadata().orElseThrow().promptTokenCount()).hasValueSatisfying(n -> assertThat(n).isPositive());
        assertThat(recordAfter(before, upstream).model()).isEqualTo(model);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("upstreams")
    void theGoogleSdkStreamsFromEachUpstream(String model, String upstream, String phrase) {
        Instant before = Instant.now();
        StringBuilder text = new StringBuilder();
        try (ResponseStream<GenerateContentResponse> stream =
                google.models.generateContentStream(model, "stream from google " + upstream, null)) {
            for (GenerateContentResponse chunk : stream) {
                text.append(chunk.text() == null ? "" : chunk.text());
            }
        }
        assertThat(text.toString()).contains(phrase);
        assertThat(recordAfter(before, upstream).outputTokens()).isPositive();
    }
}
