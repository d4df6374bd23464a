package dev.junction.gateway.providers.anthropic;

import dev.junction.gateway.config.ConfigNode;
import dev.junction.gateway.config.UpstreamSettings;
import dev.junction.gateway.providers.Provider;
import dev.junction.gateway.providers.ProviderContext;
import dev.junction.gateway.providers.ProviderKind;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** {@code type: anthropic}: Anthropic's Messages API with API keys. */
public final class AnthropicKind implements ProviderKind {
    public static final URI ANTHROPIC_BASE_URL = URI.create("https://api.anthropic.com");

    @Override
    public String name() {
        return "anthropic";
    }

    @Override
    public Optional<URI> defaultBaseUrl() {
        return Optional.of(ANTHROPIC_BASE_URL);
    }

    @Override
    public List<String> defaultModels() {
        return List.of("claude-*");
    }

    @Override
    public void validate(ConfigNode upstream) {
        if (upstream.get("api_keys").strings().isEmpty()) {
            throw upstream.get("api_keys").error("must list at least one API key for an anthropic upstream");
        }
    }

    @Override
    public Provider create(UpstreamSettings settings, ProviderContext context) {
        return new AnthropicProvider(context.vertx(), settings, context.clock());
    }
}
