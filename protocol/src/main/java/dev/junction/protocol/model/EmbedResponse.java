package dev.junction.protocol.model;

import java.util.List;
import java.util.Optional;

/**
 * Embeddings in input order, one vector per input.
 *
 * @param promptTokens the input tokens the vendor reported, when it reports them
 */
public record EmbedResponse(List<float[]> vectors, Optional<Integer> promptTokens) {
    public EmbedResponse {
        vectors = List.copyOf(vectors);
    }
}
