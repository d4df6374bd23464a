package dev.junction.gateway.doors;

import dev.junction.gateway.context.ClientApi;
import dev.junction.gateway.context.Endpoint;
import dev.junction.protocol.Json;

/** The outcome of routing a request. */
public sealed interface Route {
    record Found(Endpoint endpoint) implements Route {}

    /** Nothing here serves it; the 404 is told in {@code api}'s shape. */
    record NotFound(ClientApi api, String message) implements Route {}

    /** {@code endpoint} when the method is {@code expected}, else a 404 saying which method the path takes. */
    static Route expect(String method, String expected, Endpoint endpoint, String path) {
        return method.equals(expected) ? new Found(endpoint)
                : new NotFound(endpoint.api(), Json.brief(path) + " accepts " + expected + ", not "
                        + Json.brief(method) + ".");
    }

    static Route none(ClientApi api, String method, String path) {
        return new NotFound(api, "No route for " + Json.brief(method) + " " + Json.brief(path) + ".");
    }
}
