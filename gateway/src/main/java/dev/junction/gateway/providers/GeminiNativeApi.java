package dev.junction.gateway.providers;

/**
 * Google's Gemini REST API, for the door that speaks it: bodies go out as the client sent them
 * (unknown fields, snake_case and camelCase alike), with only the model in the URL and the
 * credential chosen by Junction. Gemini and Vertex AI providers offer it.
 */
public interface GeminiNativeApi {
    /** A call of {@code method} for {@code model} (the vendor's id); streams ask for {@code alt=sse}. */
    UpstreamCall call(GeminiMethod method, String model, byte[] body, Credential credential);

    /** Whether {@code method} is served (the relay looks for another candidate when not). */
    default boolean serves(GeminiMethod method) {
        return true;
    }
}
