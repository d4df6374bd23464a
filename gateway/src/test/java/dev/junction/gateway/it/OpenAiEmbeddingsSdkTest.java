package dev.junction.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.errors.BadRequestException;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.junction.gateway.testing.FakeVertex;
import dev.junction.gateway.testing.ScriptedUpstream;
import dev.junction.gateway.testing.TestGateway;
import dev.junction.gateway.usage.UsageRecord;
import dev.junction.mock.gemini.ReceivedRequest;
import dev.junction.protocol.Json;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/embeddings} through the official OpenAI Java SDK: over Gemini one
 * {@code batchEmbedContents} call, vectors in input order at unit length, floats or base64, the
 * input tokens estimated and marked so; what cannot be embedded is a 400 in OpenAI's shape.
 */
class OpenAiEmbeddingsSdkTest {
    private static final String MODEL = "gemini-embedding-001";

    @TempDir
    static Path dir;

    static ScriptedUpstream unnormalised;
    static FakeVertex vertex;
    static TestGateway junction;
    static String token;
    static OpenAIClient client;

    @BeforeAll
    static void start() throws IOException {
        unnormalised = new ScriptedUpstream(ScriptedUpstream.status(200,
                "{\"embeddings\":[{\"values\":[3.0,4.0]},{\"values\":[0.0,2.0]}]}"));
        vertex = new FakeVertex();
        junction = TestGateway.start(dir, mockUrl -> """
                server:
                  port: 0
                data_dir: %s
                upstreams:
                  - name: google
                    base_url: %s
                    api_keys: [%s]
                    models: ["gemini-*"]
                  - name: scripted
                    base_url: %s
                    api_keys: [scripted-key-0001]
                    models: ["short-embedding"]
                  - name: express
                    type: vertex
                    api_keys: [%s]
                    base_url: %s
                    models: ["vertex-embedding"]
                """.formatted(dir.resolve("data"), mockUrl, TestGateway.UPSTREAM_KEY, unnormalised.baseUrl(),
                FakeVertex.EXPRESS_KEY, vertex.baseUrl()));
        token = junction.issue("embeddings-user");
        client = OpenAiSdk.clientWithoutRetries(junction, token);
    }

    @AfterAll
    static void stop() throws IOException {
        junction.close();
        unnormalised.close();
        vertex.close();
    }

    @BeforeEach
    void clear() {
        junction.mock().clear();
    }

    private static JsonNode upstreamBody() throws IOException {
        List<ReceivedRequest> received = junction.mock().received();
        assertThat(received).hasSize(1);
        assertThat(received.get(0).pathAndQuery()).isEqualTo("/v1beta/models/" + MODEL + ":batchEmbedContents");
        return Json.MAPPER.readTree(received.get(0).body());
    }

    private static double norm(List<Float> vector) {
        return Math.sqrt(vector.stream().mapToDouble(v -> (double) v * v).sum());
    }

    @Test
    void aListOfTextsIsOneBatchCallAndComesBackInOrderWithUsage() throws IOException {
        java.time.Instant before = java.time.Instant.now();
        CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder().model(MODEL)
                .inputOfArrayOfStrings(List.of("the first text", "a second, longer text", "third"))
                .dimensions(768).encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT).build());
        assertThat(response.data()).hasSize(3);
        assertThat(response.data()).extracting(e -> e.index()).containsExactly(0L, 1L, 2L);
        assertThat(response.data()).allSatisfy(e -> {
            assertThat(e.embedding()).hasSize(768);
            assertThat(norm(e.embedding())).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        });
        assertThat(response.data().get(0).embedding()).isNotEqualTo(response.data().get(1).embedding());
        assertThat(response.model()).isEqualTo(MODEL);
        assertThat(response.usage().promptTokens()).isPositive();
        assertThat(response.usage().totalTokens()).isEqualTo(response.usage().promptTokens());

        JsonNode sent = upstreamBody();
        assertThat(sent.path("requests")).hasSize(3);
        assertThat(sent.path("requests").get(1).path("content").path("parts").get(0).path("text").asText())
                .isEqualTo("a second, longer text");
        assertThat(sent.path("requests").get(0).path("outputDimensionality").asInt()).isEqualTo(768);

        UsageRecord record = junction.awaitRecords(r -> r.endpoint().equals("embeddings") && r.status() == 200
                && r.upstream().equals("google") && r.model().equals(MODEL) && r.time().isAfter(before), 1).get(0);
        assertThat(record.promptTokens()).isEqualTo((int) response.usage().promptTokens());
        assertThat(record.outputTokens()).isZero();
        assertThat(record.estimated()).isTrue();
        assertThat(record.upstream()).isEqualTo("google");
    }

    @Test
    void base64VectorsAreLittleEndianFloat32AsTheSdkReadsThem() throws IOException {
        CreateEmbeddingResponse floats = client.embeddings().create(EmbeddingCreateParams.builder().model(MODEL)
                .input("same text").encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT).build());
        CreateEmbeddingResponse packed = client.embeddings().create(EmbeddingCreateParams.builder().model(MODEL)
                .input("same text").encodingFormat(EmbeddingCreateParams.EncodingFormat.BASE64).build());
        assertThat(packed.data().get(0).embedding()).hasSize(3072).isEqualTo(floats.data().get(0).embedding());
    }

    @Test
    void theSdksDefaultRequestWorks() {
        CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder().model(MODEL)
                .input("hello").build());
        assertThat(response.data().get(0).embedding()).hasSize(3072);
    }

    @Test
    void vectorsShorterThanTheFullSizeAreScaledToUnitLength() {
        CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("short-embedding").inputOfArrayOfStrings(List.of("a", "b"))
                .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT).build());
        assertThat(response.data().get(0).embedding()).containsExactly(0.6f, 0.8f);
        assertThat(response.data().get(1).embedding()).containsExactly(0f, 1f);
    }

    @Test
    void tokenIdsAndEmptyInputsAreRefusedNamingTheInput() {
        assertThatThrownBy(() -> client.embeddings().create(EmbeddingCreateParams.builder().model(MODEL)
                .inputOfArrayOfTokens(List.of(1L, 2L, 3L)).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.getMessage()).contains("token-id arrays");
                    assertThat(e.param()).contains("input");
                });
        assertThatThrownBy(() -> client.embeddings().create(EmbeddingCreateParams.builder().model(MODEL)
                .input("").build())).isInstanceOf(BadRequestException.class);
        assertThat(junction.mock().received()).isEmpty();
    }

    @Test
    void anUpstreamThatCannotEmbedIsAClear400() {
        HttpResponse<String> response = junction.post("/v1/embeddings", TestGateway.bearer(token),
                "{\"model\":\"vertex-embedding\",\"input\":\"hi\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("does not offer embeddings").contains("\"type\":\"invalid_request_error\"");
    }

    @Test
    void anUnknownModelIsA404() {
        HttpResponse<String> response = junction.post("/v1/embeddings", TestGateway.bearer(token),
                "{\"model\":\"text-embedding-3-small\",\"input\":\"hi\"}");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("model_not_found");
    }

    @Test
    void embeddingsAreOnlyPosted() {
        HttpResponse<String> response = junction.get("/v1/embeddings", Map.of("Authorization", "Bearer " + token));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("accepts POST");
    }
}
