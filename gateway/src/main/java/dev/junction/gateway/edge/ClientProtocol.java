package dev.junction.gateway.edge;

import dev.junction.protocol.gemini.GeminiErrors;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.openai.OpenAiErrors;

/** The API the client speaks; it decides how errors look. */
public enum ClientProtocol {
    OPENAI,
    GEMINI;

    public byte[] errorBody(GatewayError error) {
        return switch (this) {
            case OPENAI -> OpenAiErrors.encode(error);
            case GEMINI -> GeminiErrors.encode(error);
        };
    }

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
