package dev.junction.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.EmbedResponse;
import dev.junction.protocol.model.GatewayException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenAiEmbeddingsCodecTest {
    private static OpenAiEmbeddingsDecoder.Decoded decode(String json) {
        return OpenAiEmbeddingsDecoder.decode(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    private static String param(String json) {
        try {
            decode(json);
        } catch (GatewayException e) {
            assertThat(e.error().message().length()).isLessThan(300);
            return e.error().param().orElse("");
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void aStringOrAListOfStringsWithDimensionsFormatAndTaskType() {
        OpenAiEmbeddingsDecoder.Decoded one = decode("{'model':'gemini-embedding-001','input':'hello'}");
        assertThat(one.request().inputs()).containsExactly("hello");
        assertThat(one.base64()).isFalse();
        assertThat(one.request().dimensions()).isEmpty();

        OpenAiEmbeddingsDecoder.Decoded many = decode("{'model':'m','input':['a','b'],'dimensions':768,"
                + "'encoding_format':'base64','user':'u1','extra_body':{'google':{'task_type':'retrieval_query'}}}");
        assertThat(many.request().inputs()).containsExactly("a", "b");
        assertThat(many.request().dimensions()).contains(768);
        assertThat(many.base64()).isTrue();
        assertThat(many.request().vendorOptions().orElseThrow().path("taskType").asText()).isEqualTo("RETRIEVAL_QUERY");
    }

    @Test
    void invalidRequestsNameTheirField() {
        assertThat(param("{'input':'a'}")).isEqualTo("model");
        assertThat(param("{'model':'m'}")).isEqualTo("input");
        assertThat(param("{'model':'m','input':''}")).isEqualTo("input");
        assertThat(param("{'model':'m','input':[]}")).isEqualTo("input");
        assertThat(param("{'model':'m','input':[1,2,3]}")).isEqualTo("input");
        assertThat(param("{'model':'m','input':[[1,2]]}")).isEqualTo("input");
        assertThat(param("{'model':'m','input':['a',{}]}")).isEqualTo("input[1]");
        assertThat(param("{'model':'m','input':'a','dimensions':0}")).isEqualTo("dimensions");
        assertThat(param("{'model':'m','input':'a','dimensions':1e999999999}")).isEqualTo("dimensions");
        assertThat(param("{'model':'m','input':'a','encoding_format':'int8'}")).isEqualTo("encoding_format");
        assertThat(param("{'model':'m','input':'a','google':{'task_type':'SUMMARISE'}}")).isEqualTo("google.task_type");
        assertThat(param("{'model':'m','input':'a','user':5}")).isEqualTo("user");
        assertThatThrownBy(() -> decode("[1]")).isInstanceOf(GatewayException.class);
    }

    @Test
    void vectorsAreWrittenAsFloatsOrAsLittleEndianFloat32Base64() throws Exception {
        EmbedResponse response = new EmbedResponse(List.of(new float[] {0.6f, -0.8f}, new float[] {1f, 0f}),
                Optional.empty());
        JsonNode floats = Json.MAPPER.readTree(OpenAiEmbeddingsEncoder.encode(response, "emb", false, 7));
        assertThat(floats.path("object").asText()).isEqualTo("list");
        assertThat(floats.path("model").asText()).isEqualTo("emb");
        assertThat(floats.path("data").get(1).path("index").asInt()).isEqualTo(1);
        assertThat(floats.path("data").get(0).path("object").asText()).isEqualTo("embedding");
        assertThat(floats.path("data").get(0).path("embedding").get(1).floatValue()).isEqualTo(-0.8f);
        assertThat(floats.path("usage").path("prompt_tokens").asInt()).isEqualTo(7);
        assertThat(floats.path("usage").path("total_tokens").asInt()).isEqualTo(7);

        JsonNode packed = Json.MAPPER.readTree(OpenAiEmbeddingsEncoder.encode(response, "emb", true, 7));
        byte[] bytes = Base64.getDecoder().decode(packed.path("data").get(0).path("embedding").asText());
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bytes).hasSize(8);
        assertThat(buffer.getFloat(0)).isEqualTo(0.6f);
        assertThat(buffer.getFloat(4)).isEqualTo(-0.8f);
    }
}
