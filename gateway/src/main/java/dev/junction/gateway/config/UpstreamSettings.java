package dev.junction.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One upstream the gateway relays to.
 *
 * @param type the kind of upstream ({@code gemini}, {@code vertex}, {@code openai}, ...)
 * @param apiKeys the operator's credentials, used in rotation; never shown to clients or logs
 * @param models the model names it serves: exact names or patterns ending in {@code *}
 * @param modelMap the name a client asks for → the vendor's model id (an alias), applied
 *     before {@code models} is matched; an alias is served even when no pattern covers it
 * @param priority lower is tried first (default 0)
 * @param weight the share of requests among the upstreams of one priority (default 1)
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout the longest silence tolerated from the upstream, before the response starts
 *     (thinking models are slow to start) and between streamed events
 * @param answerTimeout the longest a whole (not streamed) answer may take to arrive in full,
 *     however steadily its bytes come: an upstream that trickles cannot hold a request forever
 * @param node the whole entry as written, for the settings only its kind reads (validated by
 *     that kind at load time, so they can be read without further checks)
 */
public record UpstreamSettings(
        String name,
        String type,
        URI baseUrl,
        List<String> apiKeys,
        List<String> models,
        Map<String, String> modelMap,
        int priority,
        int weight,
        Duration connectTimeout,
        Duration readTimeout,
        Duration answerTimeout,
        ConfigNode node) {

    public UpstreamSettings {
        apiKeys = List.copyOf(apiKeys);
        models = List.copyOf(models);
        modelMap = Map.copyOf(modelMap);
    }

    /** A copy pointing at another place with other keys (the built-in mock, started on a port of its own). */
    public UpstreamSettings at(URI newBaseUrl, List<String> newKeys) {
        return new UpstreamSettings(name, type, newBaseUrl, newKeys, models, modelMap, priority, weight,
                connectTimeout, readTimeout, answerTimeout, node);
    }

    @Override
    public String toString() {
        // Never print keys.
        return "UpstreamSettings[name=" + name + ", type=" + type + ", baseUrl=" + baseUrl + ", keys="
                + apiKeys.size() + ", models=" + models + ", priority=" + priority + ", weight=" + weight + "]";
    }
}
