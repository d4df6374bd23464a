package dev.junction.protocol.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.EmbedResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * Embeddings as OpenAI's {@code /v1/embeddings} answers them: a {@code list} of {@code embedding}
 * objects with their {@code index}, the vectors as JSON numbers or, for {@code base64}, as the
 * little-endian float32 bytes OpenAI sends, and {@code usage} with the prompt tokens.
 */
public final class OpenAiEmbeddingsEncoder {
    private OpenAiEmbeddingsEncoder() {}

    /**
     * @param model the model name the client asked for
     * @param promptTokens the input tokens to report (the vendor's count, or Junction's estimate)
     */
    public static byte[] encode(EmbedResponse response, String model, boolean base64, int promptTokens) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + response.vectors().size() * 4096);
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("object", "list");
            g.writeArrayFieldStart("data");
            for (int i = 0; i < response.vectors().size(); i++) {
                float[] vector = response.vectors().get(i);
                g.writeStartObject();
                g.writeStringField("object", "embedding");
                g.writeNumberField("index", i);
                g.writeFieldName("embedding");
                if (base64) {
                    g.writeString(base64(vector));
                } else {
                    g.writeStartArray();
                    for (float v : vector) {
                        g.writeNumber(v);
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("model", model);
            g.writeObjectFieldStart("usage");
            g.writeNumberField("prompt_tokens", promptTokens);
            g.writeNumberField("total_tokens", promptTokens);
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String base64(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(vector);
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}
