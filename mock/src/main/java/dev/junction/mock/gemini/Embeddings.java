package dev.junction.mock.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.SplittableRandom;

/**
 * Deterministic embeddings: a unit vector seeded by the content's text, so equal texts embed
 * equally and different texts (almost surely) differently. {@code outputDimensionality} is
 * honoured (1–3072, default 3072, gemini-embedding-001's size).
 */
final class Embeddings {
    static final int DEFAULT_DIMENSIONS = 3072;

    private Embeddings() {}

    /** The {@code {"values": [...]}} object for one {@code EmbedContentRequest}. */
    static ObjectNode embed(JsonNode request) {
        JsonNode content = Keys.CONTENT.in(request);
        if (!content.isObject() || Keys.PARTS.in(content).isEmpty()) {
            throw new MockRequestException(GoogleErrorBodies.invalidArgument(
                    "* EmbedContentRequest.content: content is not specified\n"));
        }
        int dimensions = Keys.OUTPUT_DIMENSIONALITY.in(request).asInt(DEFAULT_DIMENSIONS);
        if (dimensions < 1 || dimensions > DEFAULT_DIMENSIONS) {
            throw new MockRequestException(GoogleErrorBodies.invalidArgument(
                    "* EmbedContentRequest.output_dimensionality: must be between 1 and " + DEFAULT_DIMENSIONS + "\n"));
        }
        SplittableRandom random = new SplittableRandom(GenerateRequest.text(content).hashCode());
        double[] values = new double[dimensions];
        double norm = 0;
        for (int i = 0; i < dimensions; i++) {
            values[i] = random.nextDouble() * 2 - 1;
            norm += values[i] * values[i];
        }
        norm = Math.sqrt(norm);
        ObjectNode embedding = JsonNodeFactory.instance.objectNode();
        ArrayNode array = embedding.putArray("values");
        for (double value : values) {
            array.add((float) (value / norm));
        }
        return embedding;
    }
}
