package dev.junction.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.genai.Client;
import com.google.genai.types.CountTokensResponse;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.gateway.testing.FakeVertex;
import dev.junction.gateway.testing.TestGateway;
import dev.junction.gateway.usage.UsageRecord;
import dev.junction.protocol.Json;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vertex AI upstreams against a local Vertex of ours: one with a service account key (its
 * token endpoint generated for the test, the JWT's signature checked) in a regional location,
 * one in express mode with an API key; reached through both doors with the official SDKs.
 */
class VertexUpstreamTest {
    @TempDir
    static Path dir;

    static FakeVertex vertex;
    static TestGateway junction;
    static String token;
    static OpenAIClient openai;

    @BeforeAll
    static void start() {
        vertex = new FakeVertex();
        Path key = vertex.writeKeyFile(dir, "test-project");
        junction = TestGateway.start(dir, mockUrl -> """
                server:
                  port: 0
                data_dir: %s
                upstreams:
                  - name: vertex
                    type: vertex
                    credentials_file: %s
                    location: us-central1
                    base_url: %s
                    models: ["gemini-*"]
                  - name: express
                    type: vertex
                    api_keys: [%s]
                    base_url: %s
                    models: ["express-*"]
                    model_map: {express-flash: gemini-2.5-flash}
                """.formatted(dir.resolve("data"), key, vertex.baseUrl(), FakeVertex.EXPRESS_KEY, vertex.baseUrl()));
        token = junction.issue("vertex-user");
        openai = OpenAiSdk.clientWithoutRetries(junction, token);
    }

    @AfterAll
    static void stop() {
        junction.close();
        vertex.close();
    }

    @BeforeEach
    void clear() {
        vertex.clear();
        vertex.tokenStatus(200);
    }

    private static ChatCompletionCreateParams ask(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("hello").build();
    }

    private static FakeVertex.Received onlyRequest() {
        assertThat(vertex.received()).hasSize(1);
        return vertex.received().get(0);
    }

    @Test
    void anOpenAiChatReachesVertexWithTheServiceAccountsTokenAtItsRegionalAddress() {
        ChatCompletion answer = openai.chat().completions().create(ask("gemini-2.5-flash"));
        assertThat(answer.choices().get(0).message().content()).contains("vertex says hi to gemini-2.5-flash");
        FakeVertex.Received received = onlyRequest();
        assertThat(received.path())
                .isEqualTo("/v1/projects/test-project/locations/us-central1/publishers/google/models/"
                        + "gemini-2.5-flash:generateContent");
        assertThat(received.headers().get("authorization")).startsWith("Bearer ya29.fake-");
        assertThat(received.headers()).doesNotContainKey("x-goog-api-key");
        assertThat(received.body().path("contents").path(0).path("role").asText()).isEqualTo("user");
        UsageRecord record = junction.awaitRecords(r -> r.upstream().equals("vertex"), 1).get(0);
        assertThat(record.promptTokens()).isEqualTo(3);
    }

    @Test
    void oneTokenServesManyRequests() {
        openai.chat().completions().create(ask("gemini-2.5-flash"));
        int minted = vertex.mints();
        for (int i = 0; i < 5; i++) {
            openai.chat().completions().create(ask("gemini-2.5-flash"));
        }
        assertThat(vertex.mints()).isEqualTo(minted);
        assertThat(vertex.received()).hasSize(6);
    }

    @Test
    void anOpenAiStreamIsReadFromVertexAsServerSentEvents() {
        try (StreamResponse<ChatCompletionChunk> stream = openai.chat().completions().createStreaming(ask("gemini-2.5-pro"))) {
            String text = stream.stream().flatMap(c -> c.choices().stream())
                    .map(c -> c.delta().content().orElse("")).collect(Collectors.joining());
            assertThat(text).isEqualTo("vertex streams");
        }
        FakeVertex.Received received = onlyRequest();
        assertThat(received.path()).endsWith("/models/gemini-2.5-pro:streamGenerateContent");
        assertThat(received.query()).isEqualTo("alt=sse");
    }

    @Test
    void theGoogleGenAiSdkGeneratesAndCountsThroughTheGeminiDoor() {
        Client client = Client.builder().apiKey(token)
                .httpOptions(HttpOptions.builder().baseUrl(junction.baseUrl()).build()).build();
        GenerateContentResponse answer = client.models.generateContent("gemini-2.5-flash", "hello", null);
        assertThat(answer.text()).isEqualTo("vertex says hi to gemini-2.5-flash");
        CountTokensResponse counted = client.models.countTokens("gemini-2.5-flash", "hello", null);
        assertThat(counted.totalTokens()).contains(7);
        assertThat(vertex.received()).extracting(FakeVertex.Received::path).containsExactly(
                "/v1/projects/test-project/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent",
                "/v1/projects/test-project/locations/us-central1/publishers/google/models/gemini-2.5-flash:countTokens");
    }

    @Test
    void aNativeContentWithoutARoleIsGivenTheUserRoleThatVertexRequires() throws IOException {
        HttpResponse<String> response = junction.post("/v1beta/models/gemini-2.5-flash:generateContent",
                TestGateway.bearer(token), "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}],\"futureField\":{\"a\":1}}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode sent = onlyRequest().body();
        assertThat(sent.path("contents").path(0).path("role").asText()).isEqualTo("user");
        assertThat(sent.path("futureField").path("a").asInt()).isEqualTo(1);
    }

    @Test
    void expressModeSendsTheKeyToTheGlobalPathWithoutAProject() {
        ChatCompletion answer = openai.chat().completions().create(ask("express-flash"));
        assertThat(answer.choices().get(0).message().content()).contains("vertex says hi to gemini-2.5-flash");
        FakeVertex.Received received = onlyRequest();
        assertThat(received.path()).isEqualTo("/v1/publishers/google/models/gemini-2.5-flash:generateContent");
        assertThat(received.headers().get("x-goog-api-key")).isEqualTo(FakeVertex.EXPRESS_KEY);
        assertThat(received.headers()).doesNotContainKey("authorization");
    }

    @Test
    void embeddingsAreRefusedClearlyBecauseVertexDoesNotServeThemHere() throws IOException {
        HttpResponse<String> response = junction.post("/v1beta/models/gemini-embedding-001:embedContent",
                TestGateway.bearer(token), "{\"content\":{\"parts\":[{\"text\":\"hi\"}]}}");
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = Json.MAPPER.readTree(response.body()).path("error");
        assertThat(error.path("status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(error.path("message").asText()).contains("does not offer embedContent");
        assertThat(vertex.received()).isEmpty();
    }

    @Test
    void aRevokedTokenIsDroppedAndAFailingTokenEndpointIsAClearBadGatewayUntilItRecovers() throws IOException {
        openai.chat().completions().create(ask("gemini-2.5-flash"));
        vertex.revokeTokens();
        vertex.tokenStatus(400);
        String body = "{\"model\":\"gemini-2.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        HttpResponse<String> rejected = junction.post("/v1/chat/completions", TestGateway.bearer(token), body);
        assertThat(rejected.statusCode()).isEqualTo(502); // the operator's credential failed, not the caller's
        HttpResponse<String> cannotMint = junction.post("/v1/chat/completions", TestGateway.bearer(token), body);
        assertThat(cannotMint.statusCode()).isEqualTo(502);
        assertThat(Json.MAPPER.readTree(cannotMint.body()).path("error").path("message").asText())
                .contains("cannot get an access token for upstream vertex").doesNotContain("ya29").doesNotContain("PRIVATE");
        vertex.tokenStatus(200);
        int minted = vertex.mints();
        HttpResponse<String> recovered = junction.post("/v1/chat/completions", TestGateway.bearer(token), body);
        assertThat(recovered.statusCode()).as(recovered.body()).isEqualTo(200);
        assertThat(vertex.mints()).isEqualTo(minted + 1);
    }
}
