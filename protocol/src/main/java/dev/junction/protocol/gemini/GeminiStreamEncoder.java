package dev.junction.protocol.gemini;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.FinishReason;
import dev.junction.protocol.model.Part;
import dev.junction.protocol.model.StreamContext;
import dev.junction.protocol.model.StreamEvent;
import dev.junction.protocol.model.Usage;
import dev.junction.protocol.sse.SseWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Folds canonical {@link StreamEvent}s into Gemini {@code streamGenerateContent} chunks, each a
 * {@code GenerateContentResponse} with the parts that just arrived; one instance per stream.
 *
 * <ul>
 *   <li>Text, thoughts (when the client asked) and whole function calls each go out as they
 *       come, with {@code responseId} and {@code modelVersion} from the {@link StreamContext}.
 *   <li>The finish reasons and the usage go out last, in one chunk per finished candidate (the
 *       last carrying {@code usageMetadata}), as Gemini ends a stream; vendors report usage after
 *       the finish, so both wait for the end.
 *   <li>A failure is Google's {@code {"error": {...}}} as the last element, and the stream ends.
 * </ul>
 *
 * Two framings, as Google serves them: {@code alt=sse} ({@code data: <json>\r\n\r\n}), or one
 * JSON array whose elements are flushed as they come.
 */
public final class GeminiStreamEncoder {
    private static final byte[] OPEN = "[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEPARATOR = ",\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "]".getBytes(StandardCharsets.US_ASCII);

    private final StreamContext context;
    private final boolean sse;
    private final Map<Integer, FinishReason> finishes = new TreeMap<>();
    private Optional<Usage> usage = Optional.empty();
    private boolean first = true;
    private boolean over;

    /** @param sse {@code alt=sse} framing; else a JSON array */
    public GeminiStreamEncoder(StreamContext context, boolean sse) {
        this.context = context;
        this.sse = sse;
    }

    public String contentType() {
        return sse ? "text/event-stream" : "application/json";
    }

    public List<byte[]> onStart() {
        return sse ? List.of() : List.of(OPEN);
    }

    public List<byte[]> onEvent(StreamEvent event) {
        List<byte[]> out = new ArrayList<>();
        if (over) {
            return out;
        }
        switch (event) {
            case StreamEvent.TextDelta t -> part(t.choice(), Part.Text.of(t.text()), out);
            case StreamEvent.ReasoningDelta r -> part(r.choice(), new Part.Reasoning(r.text(), Optional.empty()), out);
            case StreamEvent.ToolCallDelta c -> part(c.choice(), c.call(), out);
            case StreamEvent.SignatureDelta s -> part(s.choice(), new Part.Text("", Optional.of(s.signature())), out);
            case StreamEvent.Finished f -> finishes.put(f.choice(), f.reason());
            case StreamEvent.UsageReport u -> usage = Optional.of(u.usage());
            case StreamEvent.Blocked b -> {
                ObjectNode chunk = base();
                chunk.putObject("promptFeedback").put("blockReason", b.block().reason());
                out.addAll(frame(GeminiResponseEncoder.write(chunk)));
                finishes.clear();
            }
            case StreamEvent.Failed f -> {
                over = true;
                out.addAll(frame(GeminiErrors.encodeLine(f.error())));
                if (!sse) {
                    out.add(CLOSE);
                }
            }
            case StreamEvent.Started s -> { }
            case StreamEvent.ReasoningSignature s -> { }
            case StreamEvent.RedactedReasoning r -> { }
        }
        return out;
    }

    public List<byte[]> onEnd() {
        List<byte[]> out = new ArrayList<>();
        if (over) {
            return out;
        }
        over = true;
        List<Integer> choices = new ArrayList<>(finishes.keySet());
        for (int i = 0; i < choices.size(); i++) {
            ObjectNode chunk = base(GeminiResponseEncoder.candidate(choices.get(i), textPart(),
                    Optional.of(finishes.get(choices.get(i)))));
            if (i == choices.size() - 1) {
                usage.ifPresent(u -> chunk.set("usageMetadata", GeminiResponseEncoder.usage(u)));
            }
            out.addAll(frame(GeminiResponseEncoder.write(chunk)));
        }
        if (choices.isEmpty() && usage.isPresent()) {
            ObjectNode chunk = base();
            chunk.set("usageMetadata", GeminiResponseEncoder.usage(usage.get()));
            out.addAll(frame(GeminiResponseEncoder.write(chunk)));
        }
        if (!sse) {
            out.add(CLOSE);
        }
        return out;
    }

    private void part(int choice, Part part, List<byte[]> out) {
        if (part instanceof Part.Text t && t.text().isEmpty() && t.signature().isEmpty()) {
            return;
        }
        Optional<ObjectNode> encoded = GeminiResponseEncoder.part(part, context.includeReasoning());
        if (encoded.isEmpty()) {
            return;
        }
        ArrayNode parts = Json.MAPPER.createArrayNode().add(encoded.get());
        out.addAll(frame(GeminiResponseEncoder.write(base(GeminiResponseEncoder.candidate(choice, parts,
                Optional.empty())))));
    }

    private static ArrayNode textPart() {
        ArrayNode parts = Json.MAPPER.createArrayNode();
        parts.addObject().put("text", "");
        return parts;
    }

    private ObjectNode base(ObjectNode candidate) {
        ObjectNode chunk = Json.MAPPER.createObjectNode();
        chunk.putArray("candidates").add(candidate);
        chunk.put("modelVersion", context.model());
        chunk.put("responseId", context.responseId());
        return chunk;
    }

    private ObjectNode base() {
        ObjectNode chunk = Json.MAPPER.createObjectNode();
        chunk.put("modelVersion", context.model());
        chunk.put("responseId", context.responseId());
        return chunk;
    }

    private List<byte[]> frame(byte[] json) {
        if (sse) {
            return List.of(SseWriter.frame(json, SseWriter.Framing.CRLF));
        }
        byte[] lead = first ? new byte[0] : SEPARATOR;
        first = false;
        return List.of(lead, json);
    }
}
