package dev.junction.gateway.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.gateway.config.ConfigLoader;
import dev.junction.gateway.config.UpstreamSettings;
import dev.junction.gateway.providers.ChatStreamDecoder;
import dev.junction.gateway.providers.OpenAiNativeApi;
import dev.junction.gateway.providers.Provider;
import dev.junction.gateway.providers.ProviderContract;
import dev.junction.gateway.providers.ProviderKinds;
import dev.junction.gateway.providers.UpstreamCall;
import dev.junction.protocol.model.ChatResponse;
import dev.junction.protocol.model.FinishReason;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.Part;
import dev.junction.protocol.model.StreamEvent;
import dev.junction.protocol.model.ToolCallIds;
import dev.junction.protocol.sse.SseParser;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAI-compatible provider under the provider contract, with fixtures written from OpenAI's
 * documented shapes (and DeepSeek's for its reasoning and balance errors).
 */
class OpenAiProviderContractTest extends ProviderContract {
    static Vertx vertx;
    static OpenAiProvider provider;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        Path dir = Files.createTempDirectory("openai-contract");
        Path file = dir.resolve("junction.yaml");
        Files.writeString(file, "upstreams:\n  - {name: deepseek, type: openai, base_url: \"https://api.deepseek.com/v1/\","
                + " api_keys: [" + KEY + "], models: [\"deepseek-*\"]}\n");
        UpstreamSettings settings = new ConfigLoader(Map.of(), ProviderKinds.all()).load(Optional.of(file), dir)
                .upstreams().get(0);
        provider = new OpenAiProvider(vertx, settings, Clock.systemUTC());
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
        return "openai";
    }

    @Override
    protected void assertChatCall(UpstreamCall call, JsonNode body, boolean stream) {
        assertThat(call.uri().toString()).isEqualTo("https://api.deepseek.com/v1/chat/completions");
        assertThat(call.headers()).containsEntry("Authorization", "Bearer " + KEY);
        assertThat(body.path("model").asText()).isEqualTo("vendor-model-1");
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(body.at("/messages/0/content").asText()).isEqualTo("Be brief.");
        assertThat(body.at("/messages/1/content").asText()).isEqualTo("Say hello.");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(64);
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.5);
        assertThat(body.path("stream").asBoolean()).isEqualTo(stream);
        assertThat(body.at("/stream_options/include_usage").asBoolean()).isEqualTo(stream);
    }

    @Test
    void theOpenAiDoorRelaysTheBodyAsItCame() {
        byte[] body = "{\"model\":\"x\",\"messages\":[]}".getBytes();
        UpstreamCall call = provider.nativeApi(OpenAiNativeApi.class).orElseThrow()
                .chatCompletions(body, dev.junction.gateway.providers.Credential.of(KEY));
        assertThat(call.body()).isEqualTo(body);
        assertThat(call.uri().getPath()).isEqualTo("/v1/chat/completions");
    }

    @Test
    void aWholeAnswerWithToolCallsKeepsTheVendorsIdsAndArguments() {
        ChatResponse answer = provider.decodeChat(fixture("answer-tool-calls.json"), ToolCallIds.sequential("made_"));
        assertThat(answer.choices().get(0).finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(answer.choices().get(0).parts()).singleElement().isInstanceOfSatisfying(Part.ToolCall.class, c -> {
            assertThat(c.id()).isEqualTo("call_abc123");
            assertThat(c.name()).isEqualTo("get_current_weather");
            assertThat(c.argumentsJson()).contains("Boston, MA");
        });
        assertThat(answer.usage().orElseThrow().outputTokens()).isEqualTo(17);
    }

    @Test
    void deepSeekReasoningIsReasoningAndItsTokensAreThoughts() {
        ChatResponse answer = provider.decodeChat(fixture("answer-deepseek-reasoner.json"), ToolCallIds.sequential("c"));
        List<Part> parts = answer.choices().get(0).parts();
        assertThat(parts.get(0)).isEqualTo(new Part.Reasoning("Compare the tenths: 1 is less than 8.", Optional.empty()));
        assertThat(parts.get(1)).isEqualTo(Part.Text.of("9.11 is smaller than 9.8."));
        assertThat(answer.usage().orElseThrow().thoughtTokens()).isEqualTo(100);
        assertThat(answer.usage().orElseThrow().outputTokens()).isEqualTo(20);
        assertThat(answer.usage().orElseThrow().totalTokens()).isEqualTo(136);
    }

    @Test
    void streamedToolCallFragmentsBecomeWholeCallsBeforeTheFinish() {
        ChatStreamDecoder decoder = provider.chatStream(ToolCallIds.sequential("made_"));
        SseParser parser = new SseParser();
        byte[] wire = fixture("stream-tool-calls.sse");
        List<StreamEvent> events = new ArrayList<>();
        for (int i = 0; i < wire.length; i += 5) {
            parser.feed(wire, i, Math.min(5, wire.length - i)).forEach(e -> events.addAll(decoder.onEvent(e)));
        }
        events.addAll(decoder.onEnd());
        List<Part.ToolCall> calls = events.stream().filter(StreamEvent.ToolCallDelta.class::isInstance)
                .map(e -> ((StreamEvent.ToolCallDelta) e).call()).toList();
        assertThat(calls).extracting(Part.ToolCall::id)
                .containsExactly("call_DdmO9pD3xa9XTPNJ32zg2hcA", "call_9Qnq8kzMFy3ea7JDNUJkG2sA");
        assertThat(calls.get(0).argumentsJson()).isEqualTo("{\"location\":\"Paris, France\"}");
        assertThat(calls.get(1).name()).isEqualTo("get_time");
        assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(StreamEvent.Finished.class,
                f -> assertThat(f.reason()).isEqualTo(FinishReason.TOOL_CALLS));
    }

    @Test
    void anEmptyBalanceIsASpentQuotaAndA503MovesOn() {
        assertThat(provider.decodeError(402, fixture("error-402-deepseek.json"), Optional.empty()).kind())
                .isEqualTo(GatewayError.Kind.QUOTA_EXHAUSTED);
        assertThat(provider.decodeError(503, fixture("error-500.json"), Optional.empty()).kind())
                .isEqualTo(GatewayError.Kind.UPSTREAM_UNAVAILABLE);
        GatewayError limited = provider.decodeError(429, fixture("error-429.json"), Optional.of("20"));
        assertThat(limited.retryAfter()).contains(java.time.Duration.ofSeconds(20));
        assertThat(limited.message()).doesNotContain(KEY);
    }
}
