package dev.junction.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.errors.ClientException;
import com.google.genai.types.Content;
import com.google.genai.types.CountTokensResponse;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.ListModelsConfig;
import com.google.genai.types.Model;
import com.google.genai.types.Part;
import com.google.genai.types.ThinkingConfig;
import com.google.genai.types.ThinkingLevel;
import dev.junction.mock.gemini.ReceivedRequest;
import dev.junction.gateway.testing.TestGateway;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official Google GenAI Java SDK, pointed at Junction with a Junction token, as users do. */
class GeminiSdkTest {
    @TempDir
    static Path dir;

    static TestGateway junction;
    static Client client;
    static String token;

    @BeforeAll
    static void start() {
        junction = TestGateway.start(dir);
        token = junction.issue("sdk-user");
        client = Client.builder().apiKey(token)
                .httpOptions(HttpOptions.builder().baseUrl(junction.baseUrl()).build())
                .build();
    }

    @AfterAll
    static void stop() {
        junction.close();
    }

    @BeforeEach
    void clearUpstream() {
        junction.mock().clear();
    }

    private static ReceivedRequest upstreamRequest() {
        List<ReceivedRequest> received = junction.mock().received();
        assertThat(received).hasSize(1);
        return received.get(0);
    }

    @Test
    void generateContent() {
        GenerateContentResponse response = client.models.generateContent("gemini-2.5-flash", "你好", null);
        assertThat(response.text()).contains("gemini-2.5-flash").contains("你好");
        assertThat(response.usageMetadata().orElseThrow().promptTokenCount()).isPresent();
        ReceivedRequest upstream = upstreamRequest();
        assertThat(upstream.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
        assertThat(upstream.header("x-goog-api-key")).contains(TestGateway.UPSTREAM_KEY);
        assertThat(upstream.headers().toString()).doesNotContain(token);
    }

    @Test
    void generateContentStreamArrivesInSeveralEvents() {
        List<String> texts = new ArrayList<>();
        try (ResponseStream<GenerateContentResponse> stream =
                client.models.generateContentStream("gemini-2.5-flash", "写一首诗", null)) {
            for (GenerateContentResponse chunk : stream) {
                texts.add(chunk.text());
            }
        }
        assertThat(texts).hasSizeGreaterThanOrEqualTo(3);
        assertThat(String.join("", texts)).contains("写一首诗");
        assertThat(upstreamRequest().pathAndQuery()).endsWith(":streamGenerateContent?alt=sse");
    }

    @Test
    void countTokens() {
        CountTokensResponse count = client.models.countTokens("gemini-2.5-flash", "hello there, how are you", null);
        assertThat(count.totalTokens()).get().isNotNull();
        assertThat(count.totalTokens().orElseThrow()).isPositive();
        assertThat(upstreamRequest().path()).endsWith(":countTokens");
    }

    @Test
    void listsAndGetsModels() {
        List<String> names = new ArrayList<>();
        for (Model model : client.models.list(ListModelsConfig.builder().pageSize(3).build())) {
            names.add(model.name().orElseThrow());
        }
        assertThat(names).contains("models/gemini-2.5-flash", "models/gemini-3-pro-preview-file")
                .doesNotHaveDuplicates().hasSizeGreaterThan(3);
        Model model = client.models.get("gemini-2.5-pro", null);
        assertThat(model.displayName()).get().asString().contains("Gemini 2.5 Pro");
        assertThat(model.description()).get().asString().contains("mock");
    }

    @Test
    void audioAsInlineData() {
        byte[] audio = new byte[3000];
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (byte) i;
        }
        Content content = Content.fromParts(Part.fromText("转写这段音频"), Part.fromBytes(audio, "audio/mp3"));
        GenerateContentResponse response = client.models.generateContent("gemini-2.5-flash", content, null);
        assertThat(response.text()).contains("audio/mp3").contains("3000");
        JsonNode sent = upstreamRequest().bodyJson();
        assertThat(sent.at("/contents/0/parts/1/inlineData/mimeType").asText()).isEqualTo("audio/mp3");
    }

    @Test
    void videoByUrlAsFileData() {
        String video = "https://example.com/videos/demo.mp4";
        Content content = Content.fromParts(Part.fromText("总结这个视频"), Part.fromUri(video, "video/mp4"));
        GenerateContentResponse response = client.models.generateContent("gemini-3-pro-preview-file", content, null);
        assertThat(response.text()).contains(video);
        ReceivedRequest upstream = upstreamRequest();
        assertThat(upstream.path()).isEqualTo("/v1beta/models/gemini-3-pro-preview-file:generateContent");
        assertThat(upstream.bodyJson().at("/contents/0/parts/1/fileData/fileUri").asText()).isEqualTo(video);
    }

    @Test
    void thinkingLevelReachesTheUpstream() {
        GenerateContentConfig config = GenerateContentConfig.builder()
                .thinkingConfig(ThinkingConfig.builder().thinkingLevel(ThinkingLevel.Known.HIGH).includeThoughts(true))
                .build();
        GenerateContentResponse response = client.models.generateContent("gemini-3-pro-preview", "23*47?", config);
        assertThat(response.text()).isNotBlank();
        JsonNode thinking = upstreamRequest().bodyJson().at("/generationConfig/thinkingConfig");
        assertThat(thinking.path("thinkingLevel").asText()).isEqualToIgnoringCase("high");
        assertThat(thinking.path("includeThoughts").asBoolean()).isTrue();
        assertThat(response.candidates().orElseThrow().get(0).content().orElseThrow().parts().orElseThrow())
                .anySatisfy(p -> assertThat(p.thought()).contains(true));
    }

    @Test
    void thinkingBudgetReachesTheUpstream() {
        GenerateContentConfig config = GenerateContentConfig.builder()
                .thinkingConfig(ThinkingConfig.builder().thinkingBudget(8192))
                .build();
        client.models.generateContent("gemini-2.5-flash", "Explain entanglement", config);
        assertThat(upstreamRequest().bodyJson().at("/generationConfig/thinkingConfig/thinkingBudget").asInt())
                .isEqualTo(8192);
    }

    @Test
    void aWrongTokenIsRefusedInGooglesShape() {
        Client stranger = Client.builder().apiKey("jn-not-a-real-token")
                .httpOptions(HttpOptions.builder().baseUrl(junction.baseUrl()).build())
                .build();
        assertThatThrownBy(() -> stranger.models.generateContent("gemini-2.5-flash", "hi", null))
                .isInstanceOfSatisfying(ClientException.class, e -> {
                    assertThat(e.code()).isEqualTo(401);
                    assertThat(e.status()).isEqualTo("UNAUTHENTICATED");
                });
        assertThat(junction.mock().received()).isEmpty();
    }

    @Test
    void anUpstreamErrorKeepsItsStatus() {
        assertThatThrownBy(() -> client.models.generateContent("gemini-2.5-flash", "hi mock:error=400", null))
                .isInstanceOfSatisfying(ClientException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.status()).isEqualTo("INVALID_ARGUMENT");
                });
    }
}
