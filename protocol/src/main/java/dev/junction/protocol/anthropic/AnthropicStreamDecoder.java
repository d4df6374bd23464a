package dev.junction.protocol.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.Part;
import dev.junction.protocol.model.StreamEvent;
import dev.junction.protocol.model.Usage;
import dev.junction.protocol.sse.SseEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Folds the events of an Anthropic Messages stream into canonical {@link StreamEvent}s; one
 * instance per stream, not thread-safe, never throws.
 *
 * <ul>
 *   <li>{@code message_start}: {@link StreamEvent.Started} with the message id and model, and
 *       the input usage it reports.
 *   <li>{@code text_delta} and {@code thinking_delta} go out as they come;
 *       {@code signature_delta} seals the thinking just streamed
 *       ({@link StreamEvent.ReasoningSignature}); a {@code redacted_thinking} block is passed
 *       whole.
 *   <li>A {@code tool_use} block's {@code input_json_delta} fragments are joined and the call goes
 *       out whole at its {@code content_block_stop} (canonical tool calls are whole); input that
 *       is not a JSON object fails the stream.
 *   <li>{@code message_delta} carries the stop reason and the cumulative usage: it gives the
 *       finish and the totals. {@code message_stop} ends the answer; {@code ping} and event types
 *       Anthropic may add later are ignored.
 *   <li>An {@code error} event, garbage, or an end before {@code message_stop} is a
 *       {@link StreamEvent.Failed}, after which nothing more is said.
 * </ul>
 */
public final class AnthropicStreamDecoder {
    private final Map<Integer, ToolBlock> tools = new HashMap<>();
    private Usage usage = Usage.ZERO;
    private boolean started;
    private boolean finished;
    private boolean stopped;
    private boolean failed;

    private static final class ToolBlock {
        final String id;
        final String name;
        final StringBuilder json = new StringBuilder();

        ToolBlock(String id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    public List<StreamEvent> onEvent(SseEvent event) {
        List<StreamEvent> out = new ArrayList<>();
        if (failed || stopped) {
            return out;
        }
        JsonNode data;
        try {
            data = Json.MAPPER.readTree(event.data());
        } catch (IOException e) {
            return fail(out, GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR,
                    "the upstream sent a stream event that is not JSON"));
        }
        if (data == null || !data.isObject()) {
            return fail(out, GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR,
                    "the upstream sent a stream event that is not a JSON object"));
        }
        String type = data.path("type").asText(event.type());
        if (!started && !type.equals("message_start") && !type.equals("ping") && !type.equals("error")) {
            return fail(out, GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR,
                    "the upstream's stream did not begin with message_start"));
        }
        switch (type) {
            case "message_start" -> {
                JsonNode message = data.path("message");
                started = true;
                out.add(new StreamEvent.Started(AnthropicResponseDecoder.text(message.path("id")),
                        AnthropicResponseDecoder.text(message.path("model"))));
                if (message.path("usage").isObject()) {
                    usage = AnthropicUsage.read(message.get("usage"));
                    out.add(new StreamEvent.UsageReport(usage));
                }
            }
            case "content_block_start" -> blockStart(data.path("index").asInt(), data.path("content_block"), out);
            case "content_block_delta" -> delta(data.path("index").asInt(), data.path("delta"), out);
            case "content_block_stop" -> blockStop(data.path("index").asInt(), out);
            case "message_delta" -> messageDelta(data, out);
            case "message_stop" -> {
                if (!finished) {
                    return fail(out, GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR,
                            "the upstream ended the message without a stop reason"));
                }
                stopped = true;
            }
            case "error" -> fail(out, AnthropicErrors.decodeEvent(data));
            default -> {
                // ping, and event types Anthropic may add: nothing to relay
            }
        }
        return out;
    }

    /** The upstream closed the stream. */
    public List<StreamEvent> onEnd() {
        List<StreamEvent> out = new ArrayList<>();
        if (failed || stopped) {
            return out;
        }
        if (!started) {
            return fail(out, GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR,
                    "the upstream closed the stream without sending anything"));
        }
        return fail(out, GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR,
                "the upstream stream ended before the answer was finished"));
    }

    private void blockStart(int index, JsonNode block, List<StreamEvent> out) {
        switch (block.path("type").asText("")) {
            case "text" -> {
                String text = block.path("text").asText("");
                if (!text.isEmpty()) {
                    out.add(new StreamEvent.TextDelta(0, text));
                }
            }
            case "thinking" -> {
                String thinking = block.path("thinking").asText("");
                if (!thinking.isEmpty()) {
                    out.add(new StreamEvent.ReasoningDelta(0, thinking));
                }
            }
            case "redacted_thinking" -> out.add(new StreamEvent.RedactedReasoning(0, block.path("data").asText("")));
            case "tool_use" -> {
                ToolBlock tool = new ToolBlock(block.path("id").asText(""), block.path("name").asText(""));
                JsonNode input = block.path("input");
                if (input.isObject() && !input.isEmpty()) {
                    tool.json.append(input); // input given whole at the start
                }
                tools.put(index, tool);
            }
            default -> {
                // server tool blocks and block types Anthropic may add
            }
        }
    }

    private void delta(int index, JsonNode delta, List<StreamEvent> out) {
        switch (delta.path("type").asText("")) {
            case "text_delta" -> {
                String text = delta.path("text").asText("");
                if (!text.isEmpty()) {
                    out.add(new StreamEvent.TextDelta(0, text));
                }
            }
            case "thinking_delta" -> {
                String thinking = delta.path("thinking").asText("");
                if (!thinking.isEmpty()) {
                    out.add(new StreamEvent.ReasoningDelta(0, thinking));
                }
            }
            case "signature_delta" -> out.add(new StreamEvent.ReasoningSignature(0, delta.path("signature").asText("")));
            case "input_json_delta" -> {
                ToolBlock tool = tools.get(index);
                if (tool != null) {
                    tool.json.append(delta.path("partial_json").asText(""));
                }
            }
            default -> {
                // citations and delta types Anthropic may add
            }
        }
    }

    private void blockStop(int index, List<StreamEvent> out) {
        ToolBlock tool = tools.remove(index);
        if (tool == null) {
            return;
        }
        String json = tool.json.toString().isBlank() ? "{}" : tool.json.toString();
        Optional<JsonNode> input = parse(json);
        if (input.isEmpty() || !input.get().isObject()) {
            fail(out, GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR,
                    "the upstream streamed tool input that is not a JSON object (tool " + tool.name + ")"));
            return;
        }
        out.add(new StreamEvent.ToolCallDelta(0, new Part.ToolCall(tool.id, tool.name, input.get().toString(),
                Optional.empty())));
    }

    private void messageDelta(JsonNode data, List<StreamEvent> out) {
        JsonNode delta = data.path("delta");
        Optional<String> stopReason = AnthropicResponseDecoder.text(delta.path("stop_reason"));
        if (stopReason.isPresent() && !finished) {
            finished = true;
            out.add(new StreamEvent.Finished(0, AnthropicStopReasons.read(stopReason.get()), stopReason,
                    AnthropicResponseDecoder.text(delta.path("stop_sequence"))));
        }
        JsonNode reported = data.path("usage");
        if (reported.isObject()) {
            usage = merge(usage, reported);
            out.add(new StreamEvent.UsageReport(usage));
        }
    }

    /**
     * {@code message_delta} usage is cumulative: its output count replaces the one so far, and
     * input counts, when it repeats them, replace those of {@code message_start}.
     */
    private static Usage merge(Usage start, JsonNode reported) {
        ObjectNode merged = AnthropicUsage.write(start);
        reported.fields().forEachRemaining(field -> {
            if (field.getValue().canConvertToInt()) {
                merged.set(field.getKey(), field.getValue());
            }
        });
        return AnthropicUsage.read(merged);
    }

    private static Optional<JsonNode> parse(String json) {
        try {
            return Optional.ofNullable(Json.MAPPER.readTree(json));
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private List<StreamEvent> fail(List<StreamEvent> out, GatewayError error) {
        failed = true;
        out.add(new StreamEvent.Failed(error));
        return out;
    }
}
