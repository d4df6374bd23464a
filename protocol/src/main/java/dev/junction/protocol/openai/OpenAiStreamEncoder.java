package dev.junction.protocol.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.FinishReason;
import dev.junction.protocol.model.StreamContext;
import dev.junction.protocol.model.StreamEvent;
import dev.junction.protocol.model.Usage;
import dev.junction.protocol.sse.SseWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Folds {@link StreamEvent}s into OpenAI {@code chat.completion.chunk} SSE frames
 * ({@code data: <json>\n\n}), PROTOCOLS §4.2 and §5.4. One instance per stream; not thread-safe.
 *
 * <ul>
 * <li>Every chunk repeats {@code id}, {@code object}, {@code created}, {@code model}; with
 *     {@code include_usage} every chunk also has {@code "usage": null} and a last chunk with
 *     {@code "choices": []} carries the usage.</li>
 * <li>A choice's first chunk is {@code {"role":"assistant","content":"","refusal":null}}; choice
 *     0's is sent on {@link StreamEvent.Started}, so the client gets bytes at once.</li>
 * <li>Text and thoughts ({@code reasoning_content}, only if the client asked for thoughts) go
 *     out as they come, in order.</li>
 * <li>A tool call is one delta with {@code index} (0-based per choice), {@code id},
 *     {@code type}, {@code function.name} and the whole {@code arguments} (Gemini sends calls
 *     whole), plus {@code extra_content.google.thought_signature} when it has one. A signature on
 *     a text part is a delta with only {@code extra_content}.</li>
 * <li>Each choice gets exactly one finish chunk ({@code delta: {}}), held until {@link #onEnd()}
 *     because Gemini 3 sends a signature event after the last content.</li>
 * <li>A blocked prompt is a {@code refusal} delta saying why, then {@code content_filter} (see
 *     {@link OpenAiPromptBlocks}).</li>
 * <li>A failure is {@code data: {"error": {...}}} in {@link OpenAiErrors}' shape, and the stream
 *     ends there: no finish chunk, no usage, no {@code [DONE]}. openai-java throws an
 *     {@code SseException} on a chunk with an {@code error} key and openai-python raises
 *     {@code APIError}, neither needs {@code [DONE]}; leaving it out keeps clients that only
 *     look for {@code [DONE]} from taking a broken answer for a complete one.</li>
 * </ul>
 */
public final class OpenAiStreamEncoder {
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final StreamContext context;
    private final Set<Integer> opened = new TreeSet<>();
    private final Map<Integer, Integer> toolIndexes = new HashMap<>();
    private final Map<Integer, FinishReason> finishes = new TreeMap<>();
    private Optional<Usage> usage = Optional.empty();
    private boolean failed;

    public OpenAiStreamEncoder(StreamContext context) {
        this.context = context;
    }

    public List<byte[]> onEvent(StreamEvent event) {
        List<byte[]> out = new ArrayList<>();
        if (failed) {
            return out;
        }
        switch (event) {
            case StreamEvent.Started s -> open(0, out);
            case StreamEvent.TextDelta t -> {
                if (!t.text().isEmpty()) {
                    open(t.choice(), out);
                    out.add(chunk(t.choice(), delta().put("content", t.text())));
                }
            }
            case StreamEvent.ReasoningDelta r -> {
                if (context.includeReasoning() && !r.text().isEmpty()) {
                    open(r.choice(), out);
                    out.add(chunk(r.choice(), delta().put("reasoning_content", r.text())));
                }
            }
            case StreamEvent.ToolCallDelta c -> {
                open(c.choice(), out);
                int index = toolIndexes.merge(c.choice(), 1, Integer::sum) - 1;
                ObjectNode call = Json.MAPPER.createObjectNode().put("index", index);
                call.setAll(OpenAiResponseEncoder.toolCall(c.call()));
                ObjectNode delta = delta();
                delta.putArray("tool_calls").add(call);
                out.add(chunk(c.choice(), delta));
            }
            case StreamEvent.SignatureDelta s -> {
                open(s.choice(), out);
                ObjectNode delta = delta();
                delta.set("extra_content", OpenAiExtraContent.withSignature(s.signature()));
                out.add(chunk(s.choice(), delta));
            }
            case StreamEvent.ReasoningSignature s -> { } // seals thoughts for their vendor, not for OpenAI clients
            case StreamEvent.RedactedReasoning r -> { } // encrypted: nothing a client can read
            case StreamEvent.Logprobs l -> {
                open(l.choice(), out);
                out.add(chunk(l.choice(), delta(), OpenAiLogprobs.toJson(l.tokens())));
            }
            case StreamEvent.Finished f -> {
                open(f.choice(), out);
                finishes.put(f.choice(), f.reason());
            }
            case StreamEvent.UsageReport u -> usage = Optional.of(u.usage());
            case StreamEvent.Blocked b -> {
                open(0, out);
                out.add(chunk(0, delta().put("refusal", OpenAiPromptBlocks.message(b.block()))));
                finishes.put(0, FinishReason.CONTENT_FILTER);
            }
            case StreamEvent.Failed f -> {
                failed = true;
                out.add(SseWriter.frame(write(OpenAiErrors.toJson(f.error())), SseWriter.Framing.LF));
            }
        }
        return out;
    }

    public List<byte[]> onEnd() {
        List<byte[]> out = new ArrayList<>();
        if (failed) {
            return out;
        }
        for (int choice : opened) {
            ObjectNode chunk = base();
            ObjectNode c = chunk.putArray("choices").addObject();
            c.put("index", choice);
            c.putObject("delta");
            c.putNull("logprobs");
            c.put("finish_reason", OpenAiFinishReasons.wire(finishes.getOrDefault(choice, FinishReason.STOP)));
            out.add(frame(chunk));
        }
        if (context.includeUsage()) {
            ObjectNode chunk = base();
            chunk.putArray("choices");
            chunk.set("usage", OpenAiUsageEncoder.toJson(usage.orElse(Usage.ZERO)));
            out.add(SseWriter.frame(write(chunk), SseWriter.Framing.LF));
        }
        out.add(DONE);
        return out;
    }

    private void open(int choice, List<byte[]> out) {
        if (opened.add(choice)) {
            out.add(chunk(choice, delta().put("role", "assistant").put("content", "").putNull("refusal")));
        }
    }

    private static ObjectNode delta() {
        return Json.MAPPER.createObjectNode();
    }

    private byte[] chunk(int choice, ObjectNode delta) {
        return chunk(choice, delta, NullNode.getInstance());
    }

    private byte[] chunk(int choice, ObjectNode delta, JsonNode logprobs) {
        ObjectNode chunk = base();
        ObjectNode c = chunk.putArray("choices").addObject();
        c.put("index", choice);
        c.set("delta", delta);
        c.set("logprobs", logprobs);
        c.putNull("finish_reason");
        return frame(chunk);
    }

    private ObjectNode base() {
        ObjectNode chunk = Json.MAPPER.createObjectNode();
        chunk.put("id", context.responseId());
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", context.createdEpochSeconds());
        chunk.put("model", context.model());
        return chunk;
    }

    private byte[] frame(ObjectNode chunk) {
        if (context.includeUsage()) {
            chunk.putNull("usage");
        }
        return SseWriter.frame(write(chunk), SseWriter.Framing.LF);
    }

    private static byte[] write(ObjectNode node) {
        try {
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
