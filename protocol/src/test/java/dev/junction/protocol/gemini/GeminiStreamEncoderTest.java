package dev.junction.protocol.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.FinishReason;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.Part;
import dev.junction.protocol.model.PromptBlock;
import dev.junction.protocol.model.StreamContext;
import dev.junction.protocol.model.StreamEvent;
import dev.junction.protocol.model.Usage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Canonical stream events folded into Gemini streamGenerateContent chunks. */
class GeminiStreamEncoderTest {
    private static final StreamContext CONTEXT = new StreamContext("req-1", 0, "claude-sonnet-4-5", true, true);

    private static List<JsonNode> chunks(StreamContext context, List<StreamEvent> events, boolean end) {
        GeminiStreamEncoder encoder = new GeminiStreamEncoder(context);
        List<byte[]> out = new ArrayList<>();
        events.forEach(e -> out.addAll(encoder.onEvent(e)));
        if (end) {
            out.addAll(encoder.onEnd());
        }
        return out.stream().map(b -> {
            try {
                return Json.MAPPER.readTree(b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    @Test
    void eachDeltaIsAChunkAndTheLastHoldsTheFinishReasonAndUsage() throws Exception {
        List<JsonNode> chunks = chunks(CONTEXT, List.of(
                new StreamEvent.Started(Optional.of("msg_1"), Optional.of("claude-sonnet-4-5-20250929")),
                new StreamEvent.UsageReport(new Usage(30, 11, 0, 1, 0, 31, 5)),
                new StreamEvent.ReasoningDelta(0, "Let me "),
                new StreamEvent.ReasoningDelta(0, "think."),
                new StreamEvent.ReasoningSignature(0, "c2lnbmVk"),
                new StreamEvent.TextDelta(0, "Hel"),
                new StreamEvent.TextDelta(0, "lo"),
                new StreamEvent.ToolCallDelta(0, new Part.ToolCall("toolu_1", "f", "{\"a\":1}", Optional.empty())),
                new StreamEvent.RedactedReasoning(0, "secret"),
                new StreamEvent.Finished(0, FinishReason.TOOL_CALLS, Optional.of("tool_use")),
                new StreamEvent.UsageReport(new Usage(30, 11, 0, 12, 0, 42, 5))), true);
        assertThat(chunks).hasSize(7);
        assertThat(chunks.get(0)).isEqualTo(Json.MAPPER.readTree("""
                {"candidates": [{"content": {"parts": [{"text": "Let me ", "thought": true}], "role": "model"},
                  "index": 0}],
                 "modelVersion": "claude-sonnet-4-5-20250929", "responseId": "req-1"}"""));
        assertThat(chunks.get(2).at("/candidates/0/content/parts/0").toString())
                .isEqualTo("{\"text\":\"\",\"thought\":true,\"thoughtSignature\":\"c2lnbmVk\"}");
        assertThat(chunks.get(3).at("/candidates/0/content/parts/0/text").asText()).isEqualTo("Hel");
        assertThat(chunks.get(5).at("/candidates/0/content/parts/0/functionCall").toString())
                .isEqualTo("{\"id\":\"toolu_1\",\"name\":\"f\",\"args\":{\"a\":1}}");
        assertThat(chunks.subList(0, 6)).allSatisfy(c -> {
            assertThat(c.has("usageMetadata")).isFalse();
            assertThat(c.at("/candidates/0").has("finishReason")).isFalse();
        });
        assertThat(chunks.get(6)).isEqualTo(Json.MAPPER.readTree("""
                {"candidates": [{"content": {"parts": [{"text": ""}], "role": "model"},
                  "finishReason": "STOP", "index": 0}],
                 "usageMetadata": {"promptTokenCount": 30, "candidatesTokenCount": 12, "totalTokenCount": 42,
                   "cachedContentTokenCount": 11},
                 "modelVersion": "claude-sonnet-4-5-20250929", "responseId": "req-1"}"""));
    }

    @Test
    void thoughtsAreLeftOutUnlessAskedFor() {
        List<JsonNode> chunks = chunks(new StreamContext("req-1", 0, "m", true, false), List.of(
                new StreamEvent.ReasoningDelta(0, "hidden"), new StreamEvent.ReasoningSignature(0, "c2ln"),
                new StreamEvent.TextDelta(0, "Hi"), new StreamEvent.Finished(0, FinishReason.LENGTH,
                        Optional.of("max_tokens"))), true);
        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(0).at("/candidates/0/content/parts/0/text").asText()).isEqualTo("Hi");
        assertThat(chunks.get(1).at("/candidates/0/finishReason").asText()).isEqualTo("MAX_TOKENS");
        assertThat(chunks.get(1).path("modelVersion").asText()).isEqualTo("m");
    }

    @Test
    void aFailureIsOneErrorChunkAndNothingFollows() {
        GeminiStreamEncoder encoder = new GeminiStreamEncoder(CONTEXT);
        assertThat(encoder.onEvent(new StreamEvent.TextDelta(0, "Hel"))).hasSize(1);
        List<byte[]> failure = encoder.onEvent(new StreamEvent.Failed(GatewayError.of(
                GatewayError.Kind.UPSTREAM_UNAVAILABLE, "Overloaded")));
        assertThat(failure).hasSize(1);
        assertThat(new String(failure.get(0), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"error\":{\"code\":503,\"message\":\"Overloaded\",\"status\":\"UNAVAILABLE\"}}");
        assertThat(encoder.over()).isTrue();
        assertThat(encoder.onEvent(new StreamEvent.TextDelta(0, "lo"))).isEmpty();
        assertThat(encoder.onEnd()).isEmpty();
    }

    @Test
    void aRefusedPromptEndsWithPromptFeedback() {
        List<JsonNode> chunks = chunks(CONTEXT, List.of(new StreamEvent.Blocked(new PromptBlock("SAFETY",
                Optional.empty())), new StreamEvent.UsageReport(new Usage(3, 0, 0, 0, 0, 3))), true);
        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0).has("candidates")).isFalse();
        assertThat(chunks.get(0).at("/promptFeedback/blockReason").asText()).isEqualTo("SAFETY");
        assertThat(chunks.get(0).at("/usageMetadata/promptTokenCount").asInt()).isEqualTo(3);
    }
}
