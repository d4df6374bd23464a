package dev.junction.gateway.doors.openai;

import dev.junction.gateway.context.ClientApi;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.openai.OpenAiErrors;

/** OpenAI's API: errors as {@code {"error":{"message","type","param","code"}}}. */
public final class OpenAiApi implements ClientApi {
    public static final OpenAiApi INSTANCE = new OpenAiApi();

    private OpenAiApi() {}

    @Override
    public String wire() {
        return "openai";
    }

    @Override
    public byte[] errorBody(GatewayError error) {
        return OpenAiErrors.encode(error);
    }
}
