package dev.junction.mock.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * One authenticated model call, as the HTTP glue hands it to {@link MockBehaviour}.
 *
 * @param apiVersion {@code v1beta}, {@code v1} or {@code v1alpha}, for Google's 404 wording
 * @param model      the model id from the path, with or without {@code models/}
 * @param body       the parsed JSON body
 * @param apiKey     the key the caller sent, echoed by {@code mock:error=key} as Google echoes it
 */
record MockCall(String apiVersion, String model, ApiMethod method, JsonNode body, Optional<String> apiKey) {}
