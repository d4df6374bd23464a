package dev.junction.gateway.doors.gemini;

import dev.junction.gateway.context.ClientApi;
import dev.junction.protocol.gemini.GeminiErrors;
import dev.junction.protocol.model.GatewayError;

/** Google's Gemini API: errors as {@code {"error":{"code","message","status"}}}. */
public final class GeminiApi implements ClientApi {
    public static final GeminiApi INSTANCE = new GeminiApi();

    private GeminiApi() {}

    @Override
    public String wire() {
        return "gemini";
    }

    @Override
    public byte[] errorBody(GatewayError error) {
        return GeminiErrors.encode(error);
    }
}
