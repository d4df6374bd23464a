package dev.junction.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.ChatResponse;
import dev.junction.protocol.model.Choice;
import dev.junction.protocol.model.FinishReason;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.Part;
import dev.junction.protocol.model.PromptBlock;
import dev.junction.protocol.model.StreamContext;
import dev.junction.protocol.model.StreamEvent;
import dev.junction.protocol.model.Usage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Canonical answers written as Anthropic messages and streams, in Anthropic's event order. */
class AnthropicStreamEncoderTest {
    private static final StreamContext CONTEXT = new StreamContext("msg_req1", 0, "gemini-2.5-flash", true, true);

    private static List<String> wire(AnthropicStreamEncoder encoder, List<StreamEvent> events) {
        List<byte[]> out = new ArrayList<>(encoder.onStart());
        events.forEach(e -> out.addAll(encoder.onEvent(e)));
        out.addAll(encoder.onEnd());
        return out.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    private static JsonNode data(String event) throws Exception {
        return Json.MAPPER.readTree(event.substring(event.indexOf("data: ") + 6));
    }

    @Test
    void blocksOpenAndCloseInOrderAndTheUsageComesLast() throws Exception {
        List<String> events = wire(new AnthropicStreamEncoder(CONTEXT), List.of(
                new StreamEvent.Started(Optional.empty(), Optional.empty()),
                new StreamEvent.ReasoningDelta(0, "thinking..."),
                new StreamEvent.SignatureDelta(0, "sig-1"),
                new StreamEvent.TextDelta(0, "Hel"),
                new StreamEvent.TextDelta(0, "lo"),
                new StreamEvent.ToolCallDelta(0, new Part.ToolCall("toolu_1", "f", "{\"a\":1}", Optional.empty())),
                new StreamEvent.Finished(0, FinishReason.TOOL_CALLS, Optional.of("STOP")),
                new StreamEvent.UsageReport(new Usage(10, 4, 0, 5, 3, 18))));
        List<String> names = events.stream().map(e -> e.substring(7, e.indexOf('\n'))).toList();
        assertThat(names).containsExactly("message_start", "ping",
                "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop");
        assertThat(data(events.get(0)).at("/message/id").asText()).isEqualTo("msg_req1");
        assertThat(data(events.get(2)).at("/content_block/type").asText()).isEqualTo("thinking");
        assertThat(data(events.get(4)).at("/delta/signature").asText()).isEqualTo("sig-1");
        assertThat(data(events.get(6)).path("index").asInt()).isEqualTo(1);
        assertThat(data(events.get(11)).at("/delta/partial_json").asText()).isEqualTo("{\"a\":1}");
        JsonNode delta = data(events.get(13));
        assertThat(delta.at("/delta/stop_reason").asText()).isEqualTo("tool_use");
        assertThat(delta.at("/usage/input_tokens").asInt()).isEqualTo(6);
        assertThat(delta.at("/usage/cache_read_input_tokens").asInt()).isEqualTo(4);
        assertThat(delta.at("/usage/output_tokens").asInt()).isEqualTo(8);
        assertThat(events.get(0)).endsWith("\n\n");
    }

    @Test
    void thoughtsAreHiddenUnlessAskedAndAFailureEndsTheStreamWithAnErrorEvent() throws Exception {
        AnthropicStreamEncoder encoder = new AnthropicStreamEncoder(new StreamContext("msg_2", 0, "m", true, false));
        List<String> events = wire(encoder, List.of(new StreamEvent.ReasoningDelta(0, "secret"),
                new StreamEvent.TextDelta(0, "hi"),
                new StreamEvent.Failed(GatewayError.of(GatewayError.Kind.UPSTREAM_UNAVAILABLE, "busy"))));
        assertThat(String.join("", events)).doesNotContain("secret").doesNotContain("message_stop");
        String last = events.get(events.size() - 1);
        assertThat(last).startsWith("event: error\n");
        assertThat(data(last).at("/error/type").asText()).isEqualTo("overloaded_error");
        assertThat(encoder.ping()).isEmpty();
    }

    @Test
    void aBlockedPromptIsARefusal() throws Exception {
        List<String> events = wire(new AnthropicStreamEncoder(CONTEXT),
                List.of(new StreamEvent.Blocked(new PromptBlock("SAFETY", Optional.empty()))));
        assertThat(data(events.get(events.size() - 2)).at("/delta/stop_reason").asText()).isEqualTo("refusal");

        JsonNode whole = Json.MAPPER.readTree(AnthropicResponseEncoder.encode(new ChatResponse(Optional.empty(),
                Optional.empty(), List.of(), Optional.empty(), Optional.of(new PromptBlock("SAFETY", Optional.empty()))),
                CONTEXT));
        assertThat(whole.path("stop_reason").asText()).isEqualTo("refusal");
        assertThat(whole.path("content")).isEmpty();
    }

    @Test
    void aWholeAnswerJoinsTextAndSaysItsStopSequence() throws Exception {
        JsonNode whole = Json.MAPPER.readTree(AnthropicResponseEncoder.encode(new ChatResponse(Optional.of("x"),
                Optional.empty(), List.of(new Choice(0, List.of(new Part.Reasoning("t", Optional.empty()),
                        Part.Text.of("a"), Part.Text.of("b")), FinishReason.STOP, Optional.empty(), Optional.of("END"))),
                Optional.of(new Usage(7, 0, 0, 2, 0, 9, 3)), Optional.empty()), CONTEXT));
        assertThat(whole.path("id").asText()).isEqualTo("msg_req1");
        assertThat(whole.path("type").asText()).isEqualTo("message");
        assertThat(whole.at("/content/0/type").asText()).isEqualTo("thinking");
        assertThat(whole.at("/content/0/signature").asText()).isEmpty();
        assertThat(whole.at("/content/1/text").asText()).isEqualTo("ab");
        assertThat(whole.path("content")).hasSize(2);
        assertThat(whole.path("stop_reason").asText()).isEqualTo("stop_sequence");
        assertThat(whole.path("stop_sequence").asText()).isEqualTo("END");
        assertThat(whole.at("/usage/input_tokens").asInt()).isEqualTo(4);
        assertThat(whole.at("/usage/cache_creation_input_tokens").asInt()).isEqualTo(3);
    }
}
