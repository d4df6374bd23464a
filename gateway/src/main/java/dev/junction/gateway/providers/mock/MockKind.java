package dev.junction.gateway.providers.mock;

import dev.junction.gateway.config.ConfigNode;
import dev.junction.gateway.config.UpstreamSettings;
import dev.junction.gateway.providers.Provider;
import dev.junction.gateway.providers.ProviderContext;
import dev.junction.gateway.providers.ProviderKind;
import dev.junction.gateway.providers.gemini.GeminiProvider;
import dev.junction.mock.gemini.MockGeminiConfig;
import dev.junction.mock.gemini.MockGeminiServer;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code type: mock}: the built-in mock Gemini upstream, started on a loopback port of its own
 * with a key made up for it, and relayed to like any Gemini upstream, so that everything a
 * newcomer tries goes through the real relay. Served only when asked for.
 */
public final class MockKind implements ProviderKind {
    @Override
    public String name() {
        return "mock";
    }

    @Override
    public Optional<URI> defaultBaseUrl() {
        return Optional.of(URI.create("http://127.0.0.1"));
    }

    @Override
    public List<String> defaultModels() {
        return List.of("gemini-*");
    }

    @Override
    public void validate(ConfigNode upstream) {
        // nothing to check: the mock makes up its own address and key
    }

    @Override
    public Provider create(UpstreamSettings settings, ProviderContext context) {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String key = "mock-" + HexFormat.of().formatHex(random);
        MockGeminiServer mock = MockGeminiServer.start(MockGeminiConfig.defaults()
                .withAcceptedKeys(Set.of(key))
                .withRecordLimit(0));
        return new GeminiProvider(context.vertx(), settings.at(URI.create(mock.baseUrl()), List.of(key)),
                context.clock(), context.config().thinking(), mock);
    }
}
