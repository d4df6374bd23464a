package dev.junction.gateway.edge;

import dev.junction.gateway.edge.gemini.GeminiGenerateEndpoint;
import dev.junction.gateway.edge.gemini.GeminiModelsEndpoint;
import dev.junction.gateway.provider.GeminiMethod;
import dev.junction.gateway.provider.ModelCatalog;
import java.util.Optional;

/**
 * Which endpoint serves a method and path. The routes, in one place:
 *
 * <pre>
 * POST /{v1beta|v1|v1alpha}/models/{model}:{method}   Gemini native (generateContent, streamGenerateContent,
 *                                                     countTokens, embedContent, batchEmbedContents)
 * GET  /{v1beta|v1alpha}/models[/{model}]             Gemini model list / model
 * GET  /v1/models[/{model}]                           OpenAI list (or Gemini's, for a caller using Google's key header)
 * POST /v1/chat/completions                           OpenAI Chat Completions
 * </pre>
 *
 * Paths are matched by hand rather than with the server's patterns because a Gemini path holds a
 * literal colon inside its last segment.
 */
public final class Router {
    private final ModelCatalog catalog;
    private final EndpointFactory openAi;

    /** Makes the OpenAI endpoints (they live in their own package). */
    public interface EndpointFactory {
        Optional<Endpoint> chatCompletions();

        Optional<Endpoint> models(Optional<String> model);
    }

    /** The outcome of routing. */
    public sealed interface Route {
        record Found(Endpoint endpoint) implements Route {}

        record NotFound(ClientProtocol protocol, String message) implements Route {}
    }

    public Router(ModelCatalog catalog, EndpointFactory openAi) {
        this.catalog = catalog;
        this.openAi = openAi;
    }

    public Route route(InboundRequest request) {
        String path = request.path();
        String method = request.method();
        int second = path.indexOf('/', 1);
        String version = second < 0 ? path.substring(1) : path.substring(1, second);
        String rest = second < 0 ? "" : path.substring(second);
        boolean gemini = version.equals("v1beta") || version.equals("v1alpha");
        if (!gemini && !version.equals("v1")) {
            return new Route.NotFound(ClientProtocol.OPENAI, "No route for " + method + " " + path + ".");
        }
        if (version.equals("v1") && rest.equals("/chat/completions")) {
            return expect(method, "POST", openAi.chatCompletions(), ClientProtocol.OPENAI, path);
        }
        if (rest.equals("/models") || rest.equals("/models/")) {
            if (!gemini && !usesGoogleKeyStyle(request)) {
                return expect(method, "GET", openAi.models(Optional.empty()), ClientProtocol.OPENAI, path);
            }
            return expect(method, "GET", Optional.of(new GeminiModelsEndpoint(catalog, Optional.empty())),
                    ClientProtocol.GEMINI, path);
        }
        if (rest.startsWith("/models/")) {
            return modelPath(request, method, path, PathSegments.decode(rest.substring("/models/".length())), gemini);
        }
        return new Route.NotFound(gemini ? ClientProtocol.GEMINI : ClientProtocol.OPENAI,
                "No route for " + method + " " + path + ".");
    }

    private Route modelPath(InboundRequest request, String method, String path, String segment, boolean gemini) {
        int colon = segment.lastIndexOf(':');
        if (colon < 0) {
            Optional<String> model = Optional.of(segment);
            if (!gemini && !usesGoogleKeyStyle(request)) {
                return expect(method, "GET", openAi.models(model), ClientProtocol.OPENAI, path);
            }
            return expect(method, "GET", Optional.of(new GeminiModelsEndpoint(catalog, model)), ClientProtocol.GEMINI,
                    path);
        }
        String model = segment.substring(0, colon);
        Optional<GeminiMethod> geminiMethod = GeminiMethod.parse(segment.substring(colon + 1));
        if (geminiMethod.isEmpty() || model.isEmpty() || model.contains("/")) {
            return new Route.NotFound(ClientProtocol.GEMINI, "No route for " + method + " " + path + ".");
        }
        boolean sse = request.query("alt").filter("sse"::equals).isPresent();
        return expect(method, "POST", Optional.of(new GeminiGenerateEndpoint(geminiMethod.get(), model, sse)),
                ClientProtocol.GEMINI, path);
    }

    /**
     * {@code /v1/models} is both OpenAI's list and Gemini's stable-version list: a caller that
     * authenticates the way Google's SDKs do gets Google's shape.
     */
    private static boolean usesGoogleKeyStyle(InboundRequest request) {
        return request.header("x-goog-api-key").isPresent() || request.query("key").isPresent();
    }

    private static Route expect(String method, String expected, Optional<Endpoint> endpoint, ClientProtocol protocol,
            String path) {
        if (endpoint.isEmpty()) {
            return new Route.NotFound(protocol, "No route for " + method + " " + path + ".");
        }
        if (!method.equals(expected)) {
            return new Route.NotFound(protocol, path + " accepts " + expected + ", not " + method + ".");
        }
        return new Route.Found(endpoint.get());
    }
}
