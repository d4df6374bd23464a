package dev.junction.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.protocol.model.FinishReason;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.Part;
import dev.junction.protocol.model.StreamEvent;
import dev.junction.protocol.model.Usage;
import dev.junction.protocol.sse.SseParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Messages streams as Anthropic's streaming page documents them, parsed from wire text. */
class AnthropicStreamDecoderTest {
    private static List<StreamEvent> decode(String wire, boolean end) {
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder();
        SseParser parser = new SseParser();
        List<StreamEvent> out = new ArrayList<>();
        parser.feed(wire.getBytes(StandardCharsets.UTF_8)).forEach(e -> out.addAll(decoder.onEvent(e)));
        parser.finish().ifPresent(e -> out.addAll(decoder.onEvent(e)));
        if (end) {
            out.addAll(decoder.onEnd());
        }
        return out;
    }

    private static final String START = """
            event: message_start
            data: {"type": "message_start", "message": {"id": "msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY", "type": "message", "role": "assistant", "content": [], "model": "claude-sonnet-4-5", "stop_reason": null, "stop_sequence": null, "usage": {"input_tokens": 25, "cache_creation_input_tokens": 3, "cache_read_input_tokens": 7, "output_tokens": 1}}}

            event: ping
            data: {"type": "ping"}

            """;

    @Test
    void textStreamsAsItComesAndUsageIsCumulative() {
        List<StreamEvent> events = decode(START + """
                event: content_block_start
                data: {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}

                event: content_block_delta
                data: {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "Hello"}}

                event: content_block_delta
                data: {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "!"}}

                event: content_block_stop
                data: {"type": "content_block_stop", "index": 0}

                event: message_delta
                data: {"type": "message_delta", "delta": {"stop_reason": "end_turn", "stop_sequence": null}, "usage": {"output_tokens": 15}}

                event: message_stop
                data: {"type": "message_stop"}

                """, true);
        assertThat(events).containsExactly(
                new StreamEvent.Started(Optional.of("msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY"), Optional.of("claude-sonnet-4-5")),
                new StreamEvent.UsageReport(new Usage(35, 7, 0, 1, 0, 36, 3)),
                new StreamEvent.TextDelta(0, "Hello"),
                new StreamEvent.TextDelta(0, "!"),
                new StreamEvent.Finished(0, FinishReason.STOP, Optional.of("end_turn"), Optional.empty()),
                new StreamEvent.UsageReport(new Usage(35, 7, 0, 15, 0, 50, 3)));
    }

    @Test
    void toolInputFragmentsAreJoinedIntoOneWholeCall() {
        List<StreamEvent> events = decode(START + """
                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","name":"get_weather","input":{}}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":""}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\\"location\\": \\"San Fra"}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"ncisco, CA\\"}"}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":0}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":89}}

                event: message_stop
                data: {"type":"message_stop"}

                """, true);
        assertThat(events).contains(new StreamEvent.ToolCallDelta(0, new Part.ToolCall("toolu_01T1x1fJ34qAmk2tNTrN7Up6",
                "get_weather", "{\"location\":\"San Francisco, CA\"}", Optional.empty())));
        assertThat(events).contains(new StreamEvent.Finished(0, FinishReason.TOOL_CALLS, Optional.of("tool_use"),
                Optional.empty()));
    }

    @Test
    void thinkingStreamsWithItsSignatureAndRedactedThinkingPassesWhole() {
        List<StreamEvent> events = decode(START + """
                event: content_block_start
                data: {"type": "content_block_start", "index": 0, "content_block": {"type": "thinking", "thinking": ""}}

                event: content_block_delta
                data: {"type": "content_block_delta", "index": 0, "delta": {"type": "thinking_delta", "thinking": "I need to find the GCD of 1071 and 462"}}

                event: content_block_delta
                data: {"type": "content_block_delta", "index": 0, "delta": {"type": "signature_delta", "signature": "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"}}

                event: content_block_stop
                data: {"type": "content_block_stop", "index": 0}

                event: content_block_start
                data: {"type": "content_block_start", "index": 1, "content_block": {"type": "redacted_thinking", "data": "EmwKAhgBEgy3va3pzix"}}

                event: content_block_stop
                data: {"type": "content_block_stop", "index": 1}

                event: message_delta
                data: {"type": "message_delta", "delta": {"stop_reason": "stop_sequence", "stop_sequence": "###"}, "usage": {"output_tokens": 40}}

                event: message_stop
                data: {"type": "message_stop"}

                """, true);
        assertThat(events).containsSubsequence(
                new StreamEvent.ReasoningDelta(0, "I need to find the GCD of 1071 and 462"),
                new StreamEvent.ReasoningSignature(0, "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"),
                new StreamEvent.RedactedReasoning(0, "EmwKAhgBEgy3va3pzix"),
                new StreamEvent.Finished(0, FinishReason.STOP, Optional.of("stop_sequence"), Optional.of("###")));
    }

    @Test
    void anErrorEventFailsTheStreamWithItsMeaning() {
        List<StreamEvent> events = decode(START + """
                event: error
                data: {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}

                event: content_block_start
                data: {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": "late"}}

                """, true);
        StreamEvent last = events.get(events.size() - 1);
        assertThat(last).isInstanceOfSatisfying(StreamEvent.Failed.class,
                f -> assertThat(f.error().kind()).isEqualTo(GatewayError.Kind.UPSTREAM_UNAVAILABLE));
        assertThat(events).noneMatch(e -> e instanceof StreamEvent.TextDelta);
    }

    @Test
    void aStreamCutBeforeMessageStopIsAFailure() {
        List<StreamEvent> events = decode(START + """
                event: content_block_start
                data: {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}

                """, true);
        assertThat(events.get(events.size() - 1)).isInstanceOf(StreamEvent.Failed.class);
        assertThat(decode("", true)).singleElement().isInstanceOf(StreamEvent.Failed.class);
    }

    @Test
    void garbageAndBrokenToolInputAreFailuresNeverExceptions() {
        assertThat(decode("data: not json\n\n", false)).singleElement().isInstanceOf(StreamEvent.Failed.class);
        assertThat(decode("event: content_block_delta\ndata: {\"type\":\"content_block_delta\"}\n\n", false))
                .singleElement().isInstanceOf(StreamEvent.Failed.class); // before message_start
        List<StreamEvent> broken = decode(START + """
                data: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"t","name":"f","input":{}}}

                data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\\"a\\":"}}

                data: {"type":"content_block_stop","index":0}

                """, false);
        assertThat(broken.get(broken.size() - 1)).isInstanceOf(StreamEvent.Failed.class);
    }
}
