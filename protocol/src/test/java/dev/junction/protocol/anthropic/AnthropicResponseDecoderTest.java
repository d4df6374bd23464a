package dev.junction.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.protocol.model.ChatResponse;
import dev.junction.protocol.model.Choice;
import dev.junction.protocol.model.FinishReason;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import dev.junction.protocol.model.Part;
import dev.junction.protocol.model.Usage;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Messages API answers, in the shapes Anthropic's Messages and extended-thinking pages document. */
class AnthropicResponseDecoderTest {
    private static ChatResponse decode(String json) {
        return AnthropicResponseDecoder.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void thinkingRedactedThinkingTextAndToolUseAreKeptInOrderWithCacheUsage() {
        ChatResponse response = decode("""
                {"id": "msg_01XFDUDYJgAACzvnptvVoYEL", "type": "message", "role": "assistant",
                 "model": "claude-sonnet-4-5",
                 "content": [
                   {"type": "thinking", "thinking": "Let me analyze this step by step...", "signature": "WaUjzkypQ2mUEVM36O2TxuC06KN8xyfbJwyem2dw3URve/op91XWHOEBLLqIOMfFG/UvLEczmEsUjavL"},
                   {"type": "redacted_thinking", "data": "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP"},
                   {"type": "text", "text": "I'll check the weather."},
                   {"type": "tool_use", "id": "toolu_01A09q90qw90lq917835lq9", "name": "get_weather", "input": {"location": "San Francisco, CA"}}
                 ],
                 "stop_reason": "tool_use", "stop_sequence": null,
                 "usage": {"input_tokens": 2095, "cache_creation_input_tokens": 2051, "cache_read_input_tokens": 0, "output_tokens": 503}}""");

        assertThat(response.id()).contains("msg_01XFDUDYJgAACzvnptvVoYEL");
        assertThat(response.modelVersion()).contains("claude-sonnet-4-5");
        Choice choice = response.choices().get(0);
        assertThat(choice.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(choice.nativeFinishReason()).contains("tool_use");
        assertThat(choice.parts()).containsExactly(
                new Part.Reasoning("Let me analyze this step by step...", Optional.of(
                        "WaUjzkypQ2mUEVM36O2TxuC06KN8xyfbJwyem2dw3URve/op91XWHOEBLLqIOMfFG/UvLEczmEsUjavL")),
                new Part.RedactedReasoning("EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP"),
                Part.Text.of("I'll check the weather."),
                new Part.ToolCall("toolu_01A09q90qw90lq917835lq9", "get_weather", "{\"location\":\"San Francisco, CA\"}",
                        Optional.empty()));
        // prompt = input + cache writes + cache reads
        assertThat(response.usage()).contains(new Usage(2095 + 2051, 0, 0, 503, 0, 2095 + 2051 + 503, 2051));
    }

    @Test
    void aStopSequenceIsAPlainStopThatSaysWhichSequence() {
        Choice choice = decode("""
                {"id": "msg_1", "type": "message", "role": "assistant", "model": "claude-haiku-4-5",
                 "content": [{"type": "text", "text": "One, two"}], "stop_reason": "stop_sequence", "stop_sequence": "three",
                 "usage": {"input_tokens": 10, "cache_read_input_tokens": 4, "output_tokens": 3}}""").choices().get(0);
        assertThat(choice.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(choice.stopSequence()).contains("three");
    }

    @Test
    void stopReasonsMapToCanonicalFinishes() {
        assertThat(AnthropicStopReasons.read("end_turn")).isEqualTo(FinishReason.STOP);
        assertThat(AnthropicStopReasons.read("max_tokens")).isEqualTo(FinishReason.LENGTH);
        assertThat(AnthropicStopReasons.read("model_context_window_exceeded")).isEqualTo(FinishReason.LENGTH);
        assertThat(AnthropicStopReasons.read("tool_use")).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(AnthropicStopReasons.read("refusal")).isEqualTo(FinishReason.CONTENT_FILTER);
        assertThat(AnthropicStopReasons.read("pause_turn")).isEqualTo(FinishReason.STOP);
        assertThat(AnthropicStopReasons.read("something_new")).isEqualTo(FinishReason.STOP);
    }

    @Test
    void garbageIsAnUpstreamError() {
        for (String body : new String[] {"<html>oops</html>", "[]", "{\"type\":\"message\"}"}) {
            assertThatThrownBy(() -> decode(body)).as(body).isInstanceOfSatisfying(GatewayException.class,
                    e -> assertThat(e.error().kind()).isEqualTo(GatewayError.Kind.UPSTREAM_ERROR));
        }
    }
}
