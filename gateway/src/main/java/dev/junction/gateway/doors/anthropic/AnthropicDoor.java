package dev.junction.gateway.doors.anthropic;

import dev.junction.gateway.context.InboundRequest;
import dev.junction.gateway.doors.Door;
import dev.junction.gateway.doors.Route;
import dev.junction.gateway.relay.ChatRelay;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Anthropic's Messages API, everything under {@code /v1/messages}:
 *
 * <pre>
 * POST /v1/messages                Messages (whole or streamed)
 * POST /v1/messages/count_tokens   token counting
 * </pre>
 *
 * Other paths under {@code /v1/messages} (batches, say) are 404s in Anthropic's shape. Register it
 * before the OpenAI door, which owns the rest of {@code /v1}. The token is taken from
 * {@code x-api-key}, as Anthropic's SDKs send it, or {@code Authorization: Bearer}.
 */
public final class AnthropicDoor implements Door {
    private final AnthropicMessagesEndpoint messages;
    private final AnthropicCountTokensEndpoint count;

    /** @param keepAlive the longest silence in a stream before a {@code ping} */
    public AnthropicDoor(ChatRelay relay, Clock clock, Duration keepAlive) {
        this.messages = new AnthropicMessagesEndpoint(relay, clock, keepAlive);
        this.count = new AnthropicCountTokensEndpoint(relay);
    }

    @Override
    public Optional<Route> route(InboundRequest request) {
        String path = request.path();
        String method = request.method();
        if (path.equals("/v1/messages") || path.equals("/v1/messages/")) {
            return Optional.of(Route.expect(method, "POST", messages, path));
        }
        if (path.equals("/v1/messages/count_tokens")) {
            return Optional.of(Route.expect(method, "POST", count, path));
        }
        if (path.startsWith("/v1/messages/")) {
            return Optional.of(Route.none(AnthropicApi.INSTANCE, method, path));
        }
        return Optional.empty();
    }
}
