package dev.junction.gateway.doors;

import dev.junction.gateway.context.ClientApi;
import dev.junction.gateway.context.Endpoint;

/** The outcome of routing a request. */
public sealed interface Route {
    record Found(Endpoint endpoint) implements Route {}

    /** Nothing here serves it; the 404 is told in {@code api}'s shape. */
    record NotFound(ClientApi api, String message) implements Route {}

    /** {@code endpoint} when the method is {@code expected}, else a 404 saying which method the path takes. */
    static Route expect(String method, String expected, Endpoint endpoint, String path) {
        return method.equals(expected) ? new Found(endpoint)
                : new NotFound(endpoint.api(), path + " accepts " + expected + ", not " + method + ".");
    }

    static Route none(ClientApi api, String method, String path) {
        return new NotFound(api, "No route for " + method + " " + path + ".");
    }
}
