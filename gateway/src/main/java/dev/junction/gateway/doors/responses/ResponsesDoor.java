package dev.junction.gateway.doors.responses;

import dev.junction.gateway.context.InboundRequest;
import dev.junction.gateway.doors.Door;
import dev.junction.gateway.doors.Route;
import dev.junction.gateway.doors.openai.OpenAiApi;
import dev.junction.gateway.relay.ChatRelay;
import java.time.Clock;
import java.util.Optional;

/**
 * OpenAI's Responses API, everything under {@code /v1/responses}:
 *
 * <pre>
 * POST /v1/responses    create a response (whole or streamed)
 * </pre>
 *
 * Responses are not stored, so the paths that read one back ({@code GET /v1/responses/{id}},
 * its {@code input_items}, {@code cancel}, {@code DELETE}) are 404s in OpenAI's shape that say
 * so. Register it before the OpenAI door, which owns the rest of {@code /v1}.
 */
public final class ResponsesDoor implements Door {
    private final ResponsesEndpoint create;

    public ResponsesDoor(ChatRelay relay, Clock clock) {
        this.create = new ResponsesEndpoint(relay, clock);
    }

    @Override
    public Optional<Route> route(InboundRequest request) {
        String path = request.path();
        if (path.equals("/v1/responses") || path.equals("/v1/responses/")) {
            return Optional.of(Route.expect(request.method(), "POST", create, path));
        }
        if (path.startsWith("/v1/responses/")) {
            return Optional.of(new Route.NotFound(OpenAiApi.INSTANCE, "No route for " + request.method() + " " + path
                    + ": responses are not stored, so they cannot be read back, cancelled or deleted."));
        }
        return Optional.empty();
    }
}
