package dev.junction.gateway.doors.openai;

import dev.junction.gateway.context.InboundRequest;
import dev.junction.gateway.context.PathSegments;
import dev.junction.gateway.doors.Door;
import dev.junction.gateway.doors.Route;
import dev.junction.gateway.relay.ChatRelay;
import dev.junction.gateway.routing.ModelCatalog;
import java.time.Clock;
import java.util.Optional;

/**
 * OpenAI's API, everything under {@code /v1} that the Gemini door did not claim:
 *
 * <pre>
 * POST /v1/chat/completions     Chat Completions
 * POST /v1/embeddings           Embeddings
 * GET  /v1/models[/{model}]     the model list / one model
 * </pre>
 */
public final class OpenAiDoor implements Door {
    private final OpenAiChatEndpoint chat;
    private final OpenAiEmbeddingsEndpoint embeddings;
    private final ModelCatalog catalog;

    public OpenAiDoor(ChatRelay relay, ModelCatalog catalog, Clock clock) {
        this.chat = new OpenAiChatEndpoint(relay, clock);
        this.embeddings = new OpenAiEmbeddingsEndpoint(relay);
        this.catalog = catalog;
    }

    @Override
    public Optional<Route> route(InboundRequest request) {
        String path = request.path();
        String method = request.method();
        if (!path.equals("/v1") && !path.startsWith("/v1/")) {
            return Optional.empty();
        }
        String rest = path.substring("/v1".length());
        if (rest.equals("/chat/completions")) {
            return Optional.of(Route.expect(method, "POST", chat, path));
        }
        if (rest.equals("/embeddings")) {
            return Optional.of(Route.expect(method, "POST", embeddings, path));
        }
        if (rest.equals("/models") || rest.equals("/models/")) {
            return Optional.of(Route.expect(method, "GET", new OpenAiModelsEndpoint(catalog, Optional.empty()), path));
        }
        if (rest.startsWith("/models/")) {
            Optional<String> model = Optional.of(PathSegments.decode(rest.substring("/models/".length())));
            return Optional.of(Route.expect(method, "GET", new OpenAiModelsEndpoint(catalog, model), path));
        }
        return Optional.of(Route.none(OpenAiApi.INSTANCE, method, path));
    }
}
