package dev.junction.protocol.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.EmbedRequest;
import dev.junction.protocol.model.EmbedResponse;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GeminiEmbeddingsTest {
    @Test
    void everyInputIsOneRequestOfTheBatchInOrder() throws Exception {
        EmbedRequest request = new EmbedRequest("alias", List.of("first", "second"), Optional.of(768),
                Optional.of(Json.MAPPER.createObjectNode().put("taskType", "RETRIEVAL_DOCUMENT")));
        JsonNode body = Json.MAPPER.readTree(GeminiEmbeddings.encode(request, "gemini-embedding-001"));
        assertThat(body.path("requests")).hasSize(2);
        JsonNode second = body.path("requests").get(1);
        assertThat(second.path("model").asText()).isEqualTo("models/gemini-embedding-001");
        assertThat(second.path("content").path("parts").get(0).path("text").asText()).isEqualTo("second");
        assertThat(second.path("outputDimensionality").asInt()).isEqualTo(768);
        assertThat(second.path("taskType").asText()).isEqualTo("RETRIEVAL_DOCUMENT");
    }

    @Test
    void moreInputsThanGeminiBatchesIsA400() {
        EmbedRequest request = new EmbedRequest("m", Collections.nCopies(101, "x"), Optional.empty(), Optional.empty());
        assertThatThrownBy(() -> GeminiEmbeddings.encode(request, "m")).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.error().param()).contains("input"));
    }

    @Test
    void vectorsComeBackInOrderAtUnitLength() {
        String answer = "{\"embeddings\":[{\"values\":[3,4]},{\"values\":[0.1,0,0]}]}";
        EmbedResponse response = GeminiEmbeddings.decode(answer.getBytes(StandardCharsets.UTF_8), 2);
        assertThat(response.vectors().get(0)).containsExactly(0.6f, 0.8f);
        assertThat(response.vectors().get(1)).containsExactly(1f, 0f, 0f);
        assertThat(response.promptTokens()).isEmpty();
    }

    @Test
    void anAnswerThatIsNotOneIsAnUpstreamError() {
        for (String garbage : List.of("not json", "{}", "{\"embeddings\":[{\"values\":[1]}]}",
                "{\"embeddings\":[{\"values\":[\"a\"]},{\"values\":[1]}]}", "{\"embeddings\":[{},{}]}")) {
            assertThatThrownBy(() -> GeminiEmbeddings.decode(garbage.getBytes(StandardCharsets.UTF_8), 2))
                    .isInstanceOfSatisfying(GatewayException.class,
                            e -> assertThat(e.error().kind()).isEqualTo(GatewayError.Kind.UPSTREAM_ERROR));
        }
    }
}
