package dev.junction.gateway.providers.gemini;

import dev.junction.gateway.config.ConfigNode;
import dev.junction.gateway.config.UpstreamSettings;
import dev.junction.gateway.providers.Provider;
import dev.junction.gateway.providers.ProviderContext;
import dev.junction.gateway.providers.ProviderKind;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** {@code type: gemini}: Google's Gemini API with API keys. */
public final class GeminiKind implements ProviderKind {
    public static final URI GOOGLE_BASE_URL = URI.create("https://generativelanguage.googleapis.com");

    @Override
    public String name() {
        return "gemini";
    }

    @Override
    public Optional<URI> defaultBaseUrl() {
        return Optional.of(GOOGLE_BASE_URL);
    }

    @Override
    public List<String> defaultModels() {
        return List.of("gemini-*");
    }

    @Override
    public void validate(ConfigNode upstream) {
        if (upstream.get("api_keys").strings().isEmpty()) {
            throw upstream.get("api_keys").error("must list at least one API key for a gemini upstream");
        }
    }

    @Override
    public Provider create(UpstreamSettings settings, ProviderContext context) {
        return new GeminiProvider(context.vertx(), settings, context.clock(), context.config().thinking());
    }
}
