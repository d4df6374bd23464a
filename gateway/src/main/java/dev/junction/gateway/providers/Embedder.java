package dev.junction.gateway.providers;

import dev.junction.protocol.model.EmbedRequest;
import dev.junction.protocol.model.EmbedResponse;

/** How an upstream embeds texts: the call for a canonical request, and its answer read back. */
public interface Embedder {
    /** The embedding call for {@code request} on {@code model} (the vendor's id). */
    UpstreamCall embedCall(EmbedRequest request, String model, Credential credential);

    /**
     * The vectors of the vendor's answer to {@link #embedCall}, one per input, in order.
     *
     * @throws dev.junction.protocol.model.GatewayException {@code UPSTREAM_ERROR} when the answer is not one
     */
    EmbedResponse decodeEmbeddings(byte[] body, int inputs);
}
