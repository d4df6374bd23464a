package dev.junction.gateway.providers.openai;

import dev.junction.gateway.config.ConfigNode;
import dev.junction.gateway.config.UpstreamSettings;
import dev.junction.gateway.providers.Provider;
import dev.junction.gateway.providers.ProviderContext;
import dev.junction.gateway.providers.ProviderKind;
import java.net.URI;
import java.util.Optional;

/**
 * {@code type: openai}: any OpenAI-compatible Chat Completions API (OpenAI, DeepSeek, Qwen,
 * OpenRouter, vLLM, Ollama) with Bearer keys. {@code base_url} includes the version path, as
 * each vendor documents it ({@code https://api.deepseek.com/v1}); OpenAI's own when not given.
 * Such vendors serve any model names, so the entry must say which: {@code models} or
 * {@code model_map}.
 */
public final class OpenAiKind implements ProviderKind {
    public static final URI OPENAI_BASE_URL = URI.create("https://api.openai.com/v1");

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public Optional<URI> defaultBaseUrl() {
        return Optional.of(OPENAI_BASE_URL);
    }

    @Override
    public void validate(ConfigNode upstream) {
        if (upstream.get("api_keys").strings().isEmpty()) {
            throw upstream.get("api_keys").error("must list at least one API key for an openai upstream (a server "
                    + "that takes none, such as Ollama, accepts any placeholder)");
        }
        if (upstream.get("models").strings().isEmpty() && upstream.get("model_map").entries().isEmpty()) {
            throw upstream.get("models").error("must list the models an openai upstream serves (names or patterns "
                    + "such as \"deepseek-*\"), or give a model_map");
        }
    }

    @Override
    public Provider create(UpstreamSettings settings, ProviderContext context) {
        return new OpenAiProvider(context.vertx(), settings, context.clock());
    }
}
