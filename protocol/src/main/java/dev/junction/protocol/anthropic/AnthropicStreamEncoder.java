package dev.junction.protocol.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.FinishReason;
import dev.junction.protocol.model.StreamContext;
import dev.junction.protocol.model.StreamEvent;
import dev.junction.protocol.model.Usage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Folds canonical {@link StreamEvent}s into an Anthropic Messages stream, in Anthropic's order:
 * {@code message_start} and a {@code ping} as soon as the upstream answered ({@link #onStart}),
 * then one
 * {@code content_block_start} / {@code content_block_delta}... / {@code content_block_stop}
 * run per block (a block closes when content of another kind arrives), then
 * {@code message_delta} with the stop reason and the cumulative usage, then
 * {@code message_stop}. One instance per stream; not thread-safe.
 *
 * <ul>
 *   <li>Text is {@code text_delta}; thoughts ({@code thinking_delta}) only when the caller asked
 *       for thinking, each thinking block sealed by a {@code signature_delta} when the vendor
 *       signed it; encrypted thinking is a {@code redacted_thinking} block.
 *   <li>A tool call (whole, in canonical streams) is a {@code tool_use} block with its input in
 *       one {@code input_json_delta}.
 *   <li>A prompt the vendor refused ends the message with stop reason {@code refusal}.
 *   <li>A failure is an {@code error} event in {@link AnthropicErrors}' shape, and the stream
 *       ends there, without {@code message_stop}.
 *   <li>{@link #ping()} is the keep-alive the relay sends while the upstream is silent.
 * </ul>
 */
public final class AnthropicStreamEncoder {
    private enum Block { NONE, TEXT, THINKING }

    private final StreamContext context;
    private Block open = Block.NONE;
    private int index = -1;
    private boolean started;
    private boolean failed;
    private boolean ended;
    private FinishReason reason = FinishReason.STOP;
    private Optional<String> stopSequence = Optional.empty();
    private boolean refused;
    private Usage usage = Usage.ZERO;

    public AnthropicStreamEncoder(StreamContext context) {
        this.context = context;
    }

    /**
     * {@code message_start} and a {@code ping}, written as soon as the upstream accepted the
     * call, so that the client has them while the model is still thinking; input usage follows in
     * {@code message_delta}.
     */
    public List<byte[]> onStart() {
        List<byte[]> out = new ArrayList<>();
        start(out);
        return out;
    }

    public List<byte[]> onEvent(StreamEvent event) {
        List<byte[]> out = new ArrayList<>();
        if (failed || ended) {
            return out;
        }
        if (!(event instanceof StreamEvent.Failed)) {
            start(out);
        }
        switch (event) {
            case StreamEvent.Started s -> { }
            case StreamEvent.TextDelta t -> {
                if (t.choice() == 0 && !t.text().isEmpty()) {
                    openBlock(Block.TEXT, out);
                    out.add(delta(Json.MAPPER.createObjectNode().put("type", "text_delta").put("text", t.text())));
                }
            }
            case StreamEvent.ReasoningDelta r -> {
                if (r.choice() == 0 && context.includeReasoning() && !r.text().isEmpty()) {
                    openBlock(Block.THINKING, out);
                    out.add(delta(Json.MAPPER.createObjectNode().put("type", "thinking_delta")
                            .put("thinking", r.text())));
                }
            }
            case StreamEvent.ReasoningSignature s -> sign(s.choice(), s.signature(), out);
            case StreamEvent.SignatureDelta s -> sign(s.choice(), s.signature(), out);
            case StreamEvent.RedactedReasoning r -> {
                if (r.choice() == 0) {
                    closeBlock(out);
                    ObjectNode block = Json.MAPPER.createObjectNode().put("type", "redacted_thinking")
                            .put("data", r.data());
                    out.add(blockStart(++index, block));
                    out.add(blockStop(index));
                }
            }
            case StreamEvent.Logprobs l -> { } // Anthropic's Messages API has no log probabilities
            case StreamEvent.ToolCallDelta c -> {
                if (c.choice() == 0) {
                    closeBlock(out);
                    ObjectNode block = Json.MAPPER.createObjectNode().put("type", "tool_use")
                            .put("id", c.call().id()).put("name", c.call().name());
                    block.putObject("input");
                    out.add(blockStart(++index, block));
                    out.add(event("content_block_delta", Json.MAPPER.createObjectNode()
                            .put("type", "content_block_delta").put("index", index)
                            .set("delta", Json.MAPPER.createObjectNode().put("type", "input_json_delta")
                                    .put("partial_json", AnthropicResponseEncoder.input(c.call().argumentsJson())
                                            .toString()))));
                    out.add(blockStop(index));
                }
            }
            case StreamEvent.Finished f -> {
                if (f.choice() == 0) {
                    reason = f.reason();
                    stopSequence = f.stopSequence();
                }
            }
            case StreamEvent.UsageReport u -> usage = u.usage();
            case StreamEvent.Blocked b -> refused = true;
            case StreamEvent.Failed f -> {
                failed = true;
                out.add(event("error", AnthropicErrors.toJson(f.error())));
            }
        }
        return out;
    }

    /** The upstream ended normally: the last block closes, then the stop reason and usage. */
    public List<byte[]> onEnd() {
        List<byte[]> out = new ArrayList<>();
        if (failed || ended) {
            return out;
        }
        start(out);
        closeBlock(out);
        ended = true;
        ObjectNode delta = Json.MAPPER.createObjectNode().put("type", "message_delta");
        ObjectNode d = delta.putObject("delta");
        d.put("stop_reason", refused ? "refusal" : AnthropicStopReasons.write(reason, stopSequence));
        if (stopSequence.isPresent() && !refused) {
            d.put("stop_sequence", stopSequence.get());
        } else {
            d.putNull("stop_sequence");
        }
        delta.set("usage", AnthropicUsage.write(usage));
        out.add(event("message_delta", delta));
        out.add(event("message_stop", Json.MAPPER.createObjectNode().put("type", "message_stop")));
        return out;
    }

    /** A keep-alive event; nothing once the stream is over. */
    public List<byte[]> ping() {
        if (!started || failed || ended) {
            return List.of();
        }
        return List.of(pingEvent());
    }

    private void start(List<byte[]> out) {
        if (started) {
            return;
        }
        started = true;
        ObjectNode message = Json.MAPPER.createObjectNode();
        message.put("id", context.responseId());
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", context.model());
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.set("usage", AnthropicUsage.write(usage));
        ObjectNode start = Json.MAPPER.createObjectNode().put("type", "message_start");
        start.set("message", message);
        out.add(event("message_start", start));
        out.add(pingEvent());
    }

    /** A signature closes the thinking block it seals; one that seals no open thinking is dropped. */
    private void sign(int choice, String signature, List<byte[]> out) {
        if (choice == 0 && open == Block.THINKING && !signature.isEmpty()) {
            out.add(delta(Json.MAPPER.createObjectNode().put("type", "signature_delta").put("signature", signature)));
            closeBlock(out);
        }
    }

    private void openBlock(Block kind, List<byte[]> out) {
        if (open == kind) {
            return;
        }
        closeBlock(out);
        ObjectNode block = Json.MAPPER.createObjectNode();
        if (kind == Block.TEXT) {
            block.put("type", "text").put("text", "");
        } else {
            block.put("type", "thinking").put("thinking", "").put("signature", "");
        }
        out.add(blockStart(++index, block));
        open = kind;
    }

    private void closeBlock(List<byte[]> out) {
        if (open != Block.NONE) {
            out.add(blockStop(index));
            open = Block.NONE;
        }
    }

    private byte[] delta(ObjectNode delta) {
        ObjectNode event = Json.MAPPER.createObjectNode().put("type", "content_block_delta").put("index", index);
        event.set("delta", delta);
        return event("content_block_delta", event);
    }

    private static byte[] blockStart(int index, ObjectNode block) {
        ObjectNode event = Json.MAPPER.createObjectNode().put("type", "content_block_start").put("index", index);
        event.set("content_block", block);
        return event("content_block_start", event);
    }

    private static byte[] blockStop(int index) {
        return event("content_block_stop", Json.MAPPER.createObjectNode().put("type", "content_block_stop")
                .put("index", index));
    }

    private static byte[] pingEvent() {
        return event("ping", Json.MAPPER.createObjectNode().put("type", "ping"));
    }

    /** {@code event: <name>}, {@code data: <json>} and a blank line, as Anthropic frames its events. */
    private static byte[] event(String name, ObjectNode data) {
        try {
            byte[] json = Json.MAPPER.writeValueAsBytes(data);
            byte[] head = ("event: " + name + "\ndata: ").getBytes(StandardCharsets.US_ASCII);
            byte[] out = new byte[head.length + json.length + 2];
            System.arraycopy(head, 0, out, 0, head.length);
            System.arraycopy(json, 0, out, head.length, json.length);
            out[out.length - 2] = '\n';
            out[out.length - 1] = '\n';
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
