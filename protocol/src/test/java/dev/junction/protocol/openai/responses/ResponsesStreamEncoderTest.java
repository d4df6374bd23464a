package dev.junction.protocol.openai.responses;

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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The stream encoder's edges: hidden thoughts, refusals, failures before and after the start. */
class ResponsesStreamEncoderTest {
    private static ResponsesRequest request(String json) {
        return ResponsesRequestDecoder.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    private static List<JsonNode> events(List<byte[]> wire) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (byte[] event : wire) {
            String text = new String(event, StandardCharsets.UTF_8);
            assertThat(text).startsWith("event: ").endsWith("\n\n");
            JsonNode data = Json.MAPPER.readTree(text.substring(text.indexOf("data: ") + 6));
            assertThat(text).startsWith("event: " + data.path("type").asText() + "\n");
            out.add(data);
        }
        return out;
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.path("type").asText()).toList();
    }

    @Test
    void thoughtsAreHiddenWithoutASummaryAndTheEndCarriesTheUsage() throws Exception {
        ResponsesStreamEncoder encoder = new ResponsesStreamEncoder(
                new StreamContext("resp_1", 5, "m", true, false), request("{\"model\":\"m\",\"input\":\"x\"}"));
        List<byte[]> wire = new ArrayList<>(encoder.onStart());
        wire.addAll(encoder.onEvent(new StreamEvent.ReasoningDelta(0, "secret")));
        wire.addAll(encoder.onEvent(new StreamEvent.TextDelta(0, "hi")));
        wire.addAll(encoder.onEvent(new StreamEvent.TextDelta(1, "other candidate")));
        wire.addAll(encoder.onEvent(new StreamEvent.Finished(0, FinishReason.STOP, Optional.empty())));
        wire.addAll(encoder.onEvent(new StreamEvent.UsageReport(new Usage(3, 1, 0, 2, 7, 12))));
        wire.addAll(encoder.onEnd());
        assertThat(encoder.onEnd()).isEmpty();
        List<JsonNode> events = events(wire);

        assertThat(String.join("", events.stream().map(JsonNode::toString).toList()))
                .doesNotContain("secret").doesNotContain("other candidate");
        assertThat(types(events)).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta",
                "response.output_text.done", "response.content_part.done", "response.output_item.done",
                "response.completed");
        JsonNode usage = events.get(8).at("/response/usage");
        assertThat(usage.path("input_tokens").asInt()).isEqualTo(3);
        assertThat(usage.path("output_tokens").asInt()).isEqualTo(9);
        assertThat(usage.at("/output_tokens_details/reasoning_tokens").asInt()).isEqualTo(7);
        assertThat(usage.at("/input_tokens_details/cached_tokens").asInt()).isEqualTo(1);
        assertThat(usage.path("total_tokens").asInt()).isEqualTo(12);
        assertThat(events.get(0).at("/response/usage").isNull()).isTrue();
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).path("sequence_number").asInt()).isEqualTo(i);
        }
    }

    @Test
    void aRefusedPromptEndsIncompleteWithTheContentFilter() throws Exception {
        ResponsesStreamEncoder encoder = new ResponsesStreamEncoder(
                new StreamContext("resp_2", 5, "m", true, true), request("{\"model\":\"m\",\"input\":\"x\"}"));
        List<byte[]> wire = new ArrayList<>(encoder.onEvent(new StreamEvent.Blocked(
                new PromptBlock("SAFETY", Optional.empty()))));
        wire.addAll(encoder.onEnd());
        List<JsonNode> events = events(wire);
        assertThat(types(events)).containsExactly("response.created", "response.in_progress", "response.incomplete");
        assertThat(events.get(2).at("/response/incomplete_details/reason").asText()).isEqualTo("content_filter");
        assertThat(events.get(2).at("/response/status").asText()).isEqualTo("incomplete");
    }

    @Test
    void aFailureBeforeTheStartIsAnErrorEventAndAfterItResponseFailed() throws Exception {
        ResponsesRequest request = request("{\"model\":\"m\",\"input\":\"x\"}");
        ResponsesStreamEncoder early = new ResponsesStreamEncoder(new StreamContext("resp_3", 5, "m", true, true),
                request);
        List<JsonNode> before = events(early.onEvent(new StreamEvent.Failed(
                GatewayError.of(GatewayError.Kind.RATE_LIMITED, "slow down"))));
        assertThat(types(before)).containsExactly("error");
        assertThat(before.get(0).path("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(before.get(0).path("message").asText()).isEqualTo("slow down");
        assertThat(early.onEnd()).isEmpty();

        ResponsesStreamEncoder late = new ResponsesStreamEncoder(new StreamContext("resp_4", 5, "m", true, true),
                request);
        List<byte[]> wire = new ArrayList<>(late.onStart());
        wire.addAll(late.onEvent(new StreamEvent.ToolCallDelta(0,
                new Part.ToolCall("call_1", "f", "{}", Optional.empty()))));
        wire.addAll(late.onEvent(new StreamEvent.TextDelta(0, "half")));
        wire.addAll(late.onEvent(new StreamEvent.Failed(GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR, "cut"))));
        wire.addAll(late.onEvent(new StreamEvent.TextDelta(0, "after")));
        wire.addAll(late.onEnd());
        List<JsonNode> events = events(wire);
        JsonNode failed = events.get(events.size() - 1);
        assertThat(failed.path("type").asText()).isEqualTo("response.failed");
        assertThat(failed.at("/response/status").asText()).isEqualTo("failed");
        assertThat(failed.at("/response/error/code").asText()).isEqualTo("server_error");
        assertThat(failed.at("/response/error/message").asText()).isEqualTo("cut");
        assertThat(failed.at("/response/output")).hasSize(1);
        assertThat(failed.at("/response/output/0/type").asText()).isEqualTo("function_call");
        assertThat(types(events)).doesNotContain("response.completed");
    }
}
