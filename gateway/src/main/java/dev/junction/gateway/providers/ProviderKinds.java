package dev.junction.gateway.providers;

import dev.junction.gateway.providers.anthropic.AnthropicKind;
import dev.junction.gateway.providers.gemini.GeminiKind;
import dev.junction.gateway.providers.mock.MockKind;
import dev.junction.gateway.providers.openai.OpenAiKind;
import dev.junction.gateway.providers.vertex.VertexKind;
import java.util.List;
import java.util.Optional;

/**
 * Every kind of upstream this build can relay to, one line each: adding a vendor is its
 * package and its line here.
 */
public final class ProviderKinds {
    private static final List<ProviderKind> ALL = List.of(
            new GeminiKind(),
            new VertexKind(),
            new AnthropicKind(),
            new OpenAiKind(),
            new MockKind());

    private ProviderKinds() {}

    public static List<ProviderKind> all() {
        return ALL;
    }

    public static Optional<ProviderKind> named(String name) {
        return ALL.stream().filter(k -> k.name().equals(name)).findFirst();
    }
}
