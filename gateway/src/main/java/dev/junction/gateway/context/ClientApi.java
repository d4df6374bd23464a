package dev.junction.gateway.context;

import dev.junction.protocol.model.GatewayError;

/**
 * The API a client speaks, as much of it as the layers below the doors need: its name in usage
 * records and logs, and how an error looks to it. Each door has one; nothing below the doors
 * knows which protocols exist.
 */
public interface ClientApi {
    /** The API's name in records and logs: {@code openai}, {@code gemini}, ... */
    String wire();

    /** {@code error} as a body in this API's own error shape (always JSON). */
    byte[] errorBody(GatewayError error);

    /**
     * The HTTP status this API answers {@code error} with: the kind's status unless the API has
     * its own (Anthropic's 529 for an overloaded upstream).
     */
    default int status(GatewayError error) {
        return error.status();
    }
}
