package dev.junction.gateway.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.gateway.config.ConfigLoader;
import dev.junction.gateway.providers.ProviderKinds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import dev.junction.gateway.config.UpstreamSettings;
import dev.junction.gateway.providers.Provider;
import dev.junction.gateway.providers.ProviderContract;
import dev.junction.gateway.providers.UpstreamCall;
import dev.junction.protocol.gemini.ThinkingCapabilities;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Gemini API provider under the provider contract. */
class GeminiProviderContractTest extends ProviderContract {
    static Vertx vertx;
    static GeminiProvider provider;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        Path dir = Files.createTempDirectory("gemini-contract");
        Path file = dir.resolve("junction.yaml");
        Files.writeString(file, "upstreams:\n  - {name: google, type: gemini, api_keys: [" + KEY + "]}\n");
        UpstreamSettings settings = new ConfigLoader(Map.of(), ProviderKinds.all()).load(Optional.of(file), dir)
                .upstreams().get(0);
        provider = new GeminiProvider(vertx, settings, Clock.systemUTC(), ThinkingCapabilities.defaults());
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
        return "gemini";
    }

    @Override
    protected void assertChatCall(UpstreamCall call, JsonNode body, boolean stream) {
        assertThat(call.uri().toString()).isEqualTo("https://generativelanguage.googleapis.com/v1beta/models/"
                + "vendor-model-1:" + (stream ? "streamGenerateContent?alt=sse" : "generateContent"));
        assertThat(call.headers()).containsEntry("x-goog-api-key", KEY);
        assertThat(body.path("contents").path(0).path("role").asText()).isEqualTo("user");
        assertThat(body.path("systemInstruction").path("parts").path(0).path("text").asText()).isEqualTo("Be brief.");
        assertThat(body.path("generationConfig").path("maxOutputTokens").asInt()).isEqualTo(64);
    }
}
