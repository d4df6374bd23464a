package dev.junction.protocol.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.FinishReason;
import dev.junction.protocol.model.Part;
import dev.junction.protocol.model.PromptBlock;
import dev.junction.protocol.model.StreamContext;
import dev.junction.protocol.model.StreamEvent;
import dev.junction.protocol.model.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Folds canonical {@link StreamEvent}s into the chunks of a Gemini {@code streamGenerateContent}
 * answer, each a whole {@code GenerateContentResponse} (framing them, as SSE events or as the
 * elements of a JSON array, is the caller's). One instance per stream; not thread-safe.
 *
 * <ul>
 *   <li>Each text delta is a chunk with one {@code text} part; thoughts are {@code thought}
 *       parts, only when the caller asked for them, and the signature that seals them an empty
 *       thought part carrying the {@code thoughtSignature}.
 *   <li>A function call is one chunk with the whole {@code functionCall} (canonical streams
 *       deliver calls once their arguments are complete).
 *   <li>The last chunk, at the end, has an empty text part, the {@code finishReason} and the
 *       {@code usageMetadata}; a refused prompt ends with {@code promptFeedback} instead.
 *   <li>A failure is one chunk in Google's error shape ({@link GeminiErrors}), and nothing
 *       follows it.
 * </ul>
 * Every chunk carries {@code modelVersion} and {@code responseId}, as Gemini's do.
 */
public final class GeminiStreamEncoder {
    private final StreamContext context;
    private Optional<String> modelVersion = Optional.empty();
    private FinishReason reason = FinishReason.STOP;
    private Optional<String> nativeReason = Optional.empty();
    private Optional<PromptBlock> block = Optional.empty();
    private Optional<Usage> usage = Optional.empty();
    private boolean over;

    public GeminiStreamEncoder(StreamContext context) {
        this.context = context;
    }

    public List<byte[]> onEvent(StreamEvent event) {
        if (over) {
            return List.of();
        }
        List<byte[]> out = new ArrayList<>(1);
        switch (event) {
            case StreamEvent.Started s -> modelVersion = s.modelVersion().or(() -> modelVersion);
            case StreamEvent.TextDelta t -> {
                if (t.choice() == 0 && !t.text().isEmpty()) {
                    out.add(chunk(Part.Text.of(t.text())));
                }
            }
            case StreamEvent.ReasoningDelta r -> {
                if (r.choice() == 0 && context.includeReasoning() && !r.text().isEmpty()) {
                    out.add(chunk(new Part.Reasoning(r.text(), Optional.empty())));
                }
            }
            case StreamEvent.ReasoningSignature s -> {
                if (s.choice() == 0 && context.includeReasoning() && !s.signature().isEmpty()) {
                    out.add(chunk(new Part.Reasoning("", Optional.of(s.signature()))));
                }
            }
            case StreamEvent.SignatureDelta s -> {
                if (s.choice() == 0 && !s.signature().isEmpty()) {
                    out.add(chunk(new Part.Text("", Optional.of(s.signature()))));
                }
            }
            case StreamEvent.ToolCallDelta c -> {
                if (c.choice() == 0) {
                    out.add(chunk(c.call()));
                }
            }
            case StreamEvent.RedactedReasoning r -> { }
            case StreamEvent.Logprobs l -> { } // a Gemini upstream's logprobsResult reaches the Gemini door untouched, never through here
            case StreamEvent.Finished f -> {
                if (f.choice() == 0) {
                    reason = f.reason();
                    nativeReason = f.nativeReason();
                }
            }
            case StreamEvent.UsageReport u -> usage = Optional.of(u.usage());
            case StreamEvent.Blocked b -> block = Optional.of(b.block());
            case StreamEvent.Failed f -> {
                over = true;
                out.add(GeminiErrors.encodeLine(f.error()));
            }
        }
        return out;
    }

    /** The upstream ended normally: the last chunk, with the finish reason and usage. */
    public List<byte[]> onEnd() {
        if (over) {
            return List.of();
        }
        over = true;
        ObjectNode last = Json.MAPPER.createObjectNode();
        if (block.isPresent()) {
            last.set("promptFeedback", GeminiResponseEncoder.promptFeedback(block.get()));
        } else {
            ObjectNode candidate = candidate(last);
            ((ArrayNode) candidate.get("content").get("parts")).addObject().put("text", "");
            candidate.put("finishReason", GeminiFinishReasons.write(reason, nativeReason));
            candidate.put("index", 0);
        }
        usage.ifPresent(u -> last.set("usageMetadata", GeminiUsage.toJson(u)));
        return List.of(write(last));
    }

    /** Whether the stream is over (ended, or failed). */
    public boolean over() {
        return over;
    }

    private byte[] chunk(Part part) {
        ObjectNode chunk = Json.MAPPER.createObjectNode();
        ObjectNode candidate = candidate(chunk);
        GeminiAnswerParts.encode(part, true).ifPresent(((ArrayNode) candidate.get("content").get("parts"))::add);
        candidate.put("index", 0);
        return write(chunk);
    }

    private static ObjectNode candidate(ObjectNode chunk) {
        ObjectNode candidate = chunk.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        content.putArray("parts");
        content.put("role", "model");
        return candidate;
    }

    private byte[] write(ObjectNode chunk) {
        chunk.put("modelVersion", modelVersion.orElse(context.model()));
        chunk.put("responseId", context.responseId());
        try {
            return Json.MAPPER.writeValueAsBytes(chunk);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
