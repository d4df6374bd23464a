package dev.junction.gateway.providers.vertex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.gateway.config.ConfigLoader;
import dev.junction.gateway.config.JunctionConfig;
import dev.junction.gateway.providers.Provider;
import dev.junction.gateway.providers.ProviderContract;
import dev.junction.gateway.providers.ProviderKinds;
import dev.junction.gateway.providers.UpstreamCall;
import dev.junction.protocol.gemini.ThinkingCapabilities;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Vertex AI provider (express mode, so that the key is the contract's) under the provider contract. */
class VertexProviderContractTest extends ProviderContract {
    static Vertx vertx;
    static VertexProvider provider;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        Path dir = Files.createTempDirectory("vertex-contract");
        Path file = dir.resolve("junction.yaml");
        Files.writeString(file, "upstreams:\n  - {name: vx, type: vertex, api_keys: [" + KEY + "]}\n");
        JunctionConfig config = new ConfigLoader(Map.of(), ProviderKinds.all()).load(Optional.of(file), dir);
        provider = new VertexProvider(vertx, VertexSettings.of(config.upstreams().get(0)), Clock.systemUTC(),
                ThinkingCapabilities.defaults());
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
        return "vertex";
    }

    @Override
    protected void assertChatCall(UpstreamCall call, JsonNode body, boolean stream) {
        assertThat(call.uri().toString()).isEqualTo("https://aiplatform.googleapis.com/v1/publishers/google/models/"
                + "vendor-model-1:" + (stream ? "streamGenerateContent?alt=sse" : "generateContent"));
        assertThat(call.headers()).containsEntry("x-goog-api-key", KEY).doesNotContainKey("Authorization");
        body.path("contents").forEach(c -> assertThat(c.path("role").asText()).isIn("user", "model"));
    }
}
