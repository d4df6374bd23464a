package dev.junction.gateway.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.gateway.config.ConfigLoader;
import dev.junction.gateway.config.UpstreamSettings;
import dev.junction.gateway.providers.Provider;
import dev.junction.gateway.providers.ProviderContract;
import dev.junction.gateway.providers.ProviderKinds;
import dev.junction.gateway.providers.UpstreamCall;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The Anthropic provider under the provider contract, with fixtures written from Anthropic's
 * documented Messages shapes (a whole message, the streaming events with a {@code ping}, and its
 * error objects).
 */
class AnthropicProviderContractTest extends ProviderContract {
    static Vertx vertx;
    static AnthropicProvider provider;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        Path dir = Files.createTempDirectory("anthropic-contract");
        Path file = dir.resolve("junction.yaml");
        Files.writeString(file, "upstreams:\n  - {name: claude, type: anthropic, api_keys: [" + KEY + "]}\n");
        UpstreamSettings settings = new ConfigLoader(Map.of(), ProviderKinds.all()).load(Optional.of(file), dir)
                .upstreams().get(0);
        provider = new AnthropicProvider(vertx, settings, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        provider.close();
        vertx.close();
    }

    @Override
    protected Provider provider() {
        return provider;
    }

    @Override
    protected String kind() {
        return "anthropic";
    }

    @Override
    protected void assertChatCall(UpstreamCall call, JsonNode body, boolean stream) {
        assertThat(call.uri().toString()).isEqualTo("https://api.anthropic.com/v1/messages");
        assertThat(call.headers()).containsEntry("x-api-key", KEY).containsKey("anthropic-version");
        assertThat(body.path("model").asText()).isEqualTo("vendor-model-1");
        assertThat(body.path("system").toString()).contains("Be brief.");
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("user");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(64);
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.5);
        assertThat(body.path("stream").asBoolean(false)).isEqualTo(stream);
    }
}
