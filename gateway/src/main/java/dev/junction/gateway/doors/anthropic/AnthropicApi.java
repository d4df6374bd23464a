package dev.junction.gateway.doors.anthropic;

import dev.junction.gateway.context.ClientApi;
import dev.junction.protocol.anthropic.AnthropicErrors;
import dev.junction.protocol.model.GatewayError;

/**
 * Anthropic's Messages API: errors as {@code {"type":"error","error":{"type","message"}}}, with
 * Anthropic's statuses (529 for an overloaded upstream).
 */
public final class AnthropicApi implements ClientApi {
    public static final AnthropicApi INSTANCE = new AnthropicApi();

    private AnthropicApi() {}

    @Override
    public String wire() {
        return "anthropic";
    }

    @Override
    public byte[] errorBody(GatewayError error) {
        return AnthropicErrors.encode(error);
    }

    @Override
    public int status(GatewayError error) {
        return AnthropicErrors.status(error);
    }
}
