package dev.junction.protocol.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * A request for embeddings in Junction's own terms: texts to embed, in order.
 *
 * @param model the model name the caller asked for
 * @param inputs the texts, each embedded on its own; never empty
 * @param dimensions the vector size asked for, when the caller chose one
 * @param vendorOptions options only one vendor understands, keyed as that vendor spells them
 *     (for Google: {@code taskType})
 */
public record EmbedRequest(String model, List<String> inputs, Optional<Integer> dimensions,
        Optional<ObjectNode> vendorOptions) {
    public EmbedRequest {
        inputs = List.copyOf(inputs);
    }
}
