package dev.junction.gateway.doors.anthropic;

import dev.junction.gateway.context.ClientApi;
import dev.junction.gateway.context.Endpoint;
import dev.junction.gateway.context.Exchange;
import dev.junction.gateway.relay.Candidates;
import dev.junction.gateway.relay.ChatRelay;
import dev.junction.protocol.anthropic.AnthropicRequestDecoder;
import dev.junction.protocol.anthropic.AnthropicTokenCount;
import dev.junction.protocol.model.ChatRequest;

/**
 * {@code POST /v1/messages/count_tokens}: the prompt is decoded as a Messages request without
 * its generation fields and counted by the first candidate upstream that counts tokens (Gemini's
 * {@code countTokens}, Anthropic's own endpoint); the answer is {@code {"input_tokens": N}}.
 * Counting generates nothing, so it is neither metered nor rate-limited as generation.
 */
final class AnthropicCountTokensEndpoint implements Endpoint {
    private final ChatRelay relay;

    AnthropicCountTokensEndpoint(ChatRelay relay) {
        this.relay = relay;
    }

    @Override
    public ClientApi api() {
        return AnthropicApi.INSTANCE;
    }

    @Override
    public String name() {
        return "messages.count_tokens";
    }

    @Override
    public boolean generates() {
        return false;
    }

    @Override
    public boolean hasBody() {
        return true;
    }

    @Override
    public void read(Exchange exchange, byte[] body) {
        ChatRequest request = AnthropicRequestDecoder.decodeCount(body);
        exchange.body(body);
        exchange.chatRequest(request);
        exchange.model(request.model());
    }

    @Override
    public void serve(Exchange exchange) {
        relay.count(exchange, exchange.chatRequest().orElseThrow(), AnthropicTokenCount::encode,
                exchange.attribute(Candidates.class).orElseThrow());
    }
}
