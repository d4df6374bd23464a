package dev.junction.gateway.doors.gemini;

import dev.junction.gateway.context.InboundRequest;
import dev.junction.gateway.context.PathSegments;
import dev.junction.gateway.doors.Door;
import dev.junction.gateway.doors.Route;
import dev.junction.gateway.providers.GeminiMethod;
import dev.junction.gateway.relay.ChatRelay;
import dev.junction.gateway.routing.ModelCatalog;
import java.time.Clock;
import java.util.Optional;

/**
 * Google's Gemini REST API:
 *
 * <pre>
 * POST /{v1beta|v1|v1alpha}/models/{model}:{method}   generateContent, streamGenerateContent,
 *                                                     countTokens, embedContent, batchEmbedContents
 * GET  /{v1beta|v1alpha}/models[/{model}]             the model list / one model
 * GET  /v1/models[/{model}]                           the same, for a caller using Google's key
 *                                                     header or ?key= (else it is OpenAI's list)
 * </pre>
 *
 * Everything under {@code /v1beta} and {@code /v1alpha} is this door's (its 404s are Google's).
 * Paths are matched by hand because a Gemini path holds a literal colon in its last segment.
 * Register it before the OpenAI door, which owns the rest of {@code /v1}.
 *
 * <p>Models served by upstreams that speak the Gemini API are relayed unchanged; models served
 * by other vendors are translated through Junction's canonical model, per candidate.
 */
public final class GeminiDoor implements Door {
    private final ModelCatalog catalog;
    private final ChatRelay relay;
    private final Clock clock;

    /** @param relay serves the models whose upstreams do not speak the Gemini API */
    public GeminiDoor(ModelCatalog catalog, ChatRelay relay, Clock clock) {
        this.catalog = catalog;
        this.relay = relay;
        this.clock = clock;
    }

    @Override
    public Optional<Route> route(InboundRequest request) {
        String path = request.path();
        String method = request.method();
        int second = path.indexOf('/', 1);
        String version = second < 0 ? path.substring(1) : path.substring(1, second);
        String rest = second < 0 ? "" : path.substring(second);
        boolean own = version.equals("v1beta") || version.equals("v1alpha");
        if (!own && !version.equals("v1")) {
            return Optional.empty();
        }
        if (rest.equals("/models") || rest.equals("/models/")) {
            return own || usesGoogleKeyStyle(request)
                    ? Optional.of(Route.expect(method, "GET", new GeminiModelsEndpoint(catalog, Optional.empty()), path))
                    : Optional.empty();
        }
        if (rest.startsWith("/models/")) {
            String segment = PathSegments.decode(rest.substring("/models/".length()));
            int colon = segment.lastIndexOf(':');
            if (colon < 0) {
                return own || usesGoogleKeyStyle(request)
                        ? Optional.of(Route.expect(method, "GET", new GeminiModelsEndpoint(catalog,
                                Optional.of(segment)), path))
                        : Optional.empty();
            }
            return Optional.of(generate(request, method, path, segment, colon));
        }
        return own ? Optional.of(Route.none(GeminiApi.INSTANCE, method, path)) : Optional.empty();
    }

    private Route generate(InboundRequest request, String method, String path, String segment, int colon) {
        String model = segment.substring(0, colon);
        Optional<GeminiMethod> geminiMethod = GeminiMethod.parse(segment.substring(colon + 1));
        if (geminiMethod.isEmpty() || model.isEmpty() || model.contains("/")) {
            return Route.none(GeminiApi.INSTANCE, method, path);
        }
        boolean sse = request.query("alt").filter("sse"::equals).isPresent();
        return Route.expect(method, "POST",
                new GeminiGenerateEndpoint(geminiMethod.get(), model, sse, relay,
                        clock), path);
    }

    /**
     * {@code /v1/models} is both OpenAI's list and Gemini's stable-version list: a caller that
     * authenticates the way Google's SDKs do gets Google's shape.
     */
    private static boolean usesGoogleKeyStyle(InboundRequest request) {
        return request.header("x-goog-api-key").isPresent() || request.query("key").isPresent();
    }
}
