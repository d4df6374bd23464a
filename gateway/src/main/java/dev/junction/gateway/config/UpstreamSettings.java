package dev.junction.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * One upstream the gateway relays to.
 *
 * @param apiKeys the operator's credentials, used in rotation; never shown to clients or logs
 * @param models the model names it serves: exact names or patterns ending in {@code *}
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout the longest silence tolerated from the upstream, before the response starts
 *     (thinking models are slow to start) and between streamed events
 */
public record UpstreamSettings(
        String name,
        UpstreamType type,
        URI baseUrl,
        List<String> apiKeys,
        List<String> models,
        Duration connectTimeout,
        Duration readTimeout) {

    public UpstreamSettings {
        apiKeys = List.copyOf(apiKeys);
        models = List.copyOf(models);
    }

    public enum UpstreamType {
        /** Google's Gemini API (generativelanguage.googleapis.com or anything that speaks it). */
        GEMINI,
        /** The built-in mock Gemini upstream, started inside the gateway. */
        MOCK
    }

    @Override
    public String toString() {
        // Never print keys.
        return "UpstreamSettings[name=" + name + ", type=" + type + ", baseUrl=" + baseUrl + ", keys="
                + apiKeys.size() + ", models=" + models + "]";
    }
}
