package dev.junction.mock.gemini;

import java.util.Optional;

/**
 * Where a request goes, parsed by hand from the decoded path: the model id and the method share
 * one segment ({@code models/gemini-2.5-flash:generateContent}), which a router's path templates
 * would split wrongly, and a hand parser costs nothing per request.
 */
sealed interface MockRoute {

    /** {@code GET /{version}/models} */
    record ListModels(String version) implements MockRoute {}

    /** {@code GET /{version}/models/{model}} */
    record GetModel(String version, String model) implements MockRoute {}

    /** {@code POST /{version}/models/{model}:{verb}} */
    record Call(String version, String model, ApiMethod method) implements MockRoute {}

    /** Anything else: Google's front end answers such paths with an HTML 404. */
    record Unknown() implements MockRoute {}

    static MockRoute parse(String httpMethod, String path) {
        Optional<String> version = version(path);
        if (version.isEmpty()) {
            return new Unknown();
        }
        String rest = path.substring(version.get().length() + 2); // "/v1beta/"
        if (rest.equals("models") || rest.equals("models/")) {
            return httpMethod.equals("GET") ? new ListModels(version.get()) : new Unknown();
        }
        if (!rest.startsWith("models/") || rest.length() == "models/".length()) {
            return new Unknown();
        }
        String resource = rest.substring("models/".length());
        int colon = resource.lastIndexOf(':');
        if (colon < 0) {
            return httpMethod.equals("GET") ? new GetModel(version.get(), resource) : new Unknown();
        }
        Optional<ApiMethod> method = ApiMethod.ofVerb(resource.substring(colon + 1));
        if (method.isEmpty() || !httpMethod.equals("POST") || colon == 0) {
            return new Unknown();
        }
        return new Call(version.get(), resource.substring(0, colon), method.get());
    }

    private static Optional<String> version(String path) {
        for (String v : new String[] {"v1beta", "v1", "v1alpha"}) {
            if (path.startsWith(v, 1) && path.length() > v.length() + 1 && path.charAt(v.length() + 1) == '/'
                    && path.charAt(0) == '/') {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
