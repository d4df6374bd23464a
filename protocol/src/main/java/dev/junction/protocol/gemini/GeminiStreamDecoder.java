package dev.junction.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import dev.junction.protocol.model.Part;
import dev.junction.protocol.model.StreamEvent;
import dev.junction.protocol.model.TokenLogprob;
import dev.junction.protocol.model.ToolCallIds;
import dev.junction.protocol.sse.SseEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Folds a Gemini {@code streamGenerateContent?alt=sse} stream into {@link StreamEvent}s. One
 * instance per stream; not thread-safe.
 *
 * <p>Each Gemini event is a whole {@code GenerateContentResponse} whose parts are deltas and
 * whose {@code usageMetadata} is cumulative. Per event: {@link StreamEvent.Started} before the
 * first one; text, thought and function-call parts in order; a {@link StreamEvent.SignatureDelta}
 * for every signature on a text or thought part (Gemini 3 puts the last one on an empty text part
 * in a trailing event); a {@link StreamEvent.UsageReport} when the event has usage; a
 * {@link StreamEvent.Blocked} for an event with only {@code promptFeedback.blockReason}.
 *
 * <p>{@link StreamEvent.Finished} is emitted by {@link #onEnd()}, not when {@code finishReason}
 * arrives: whether a {@code STOP} means {@code tool_calls} depends on every part of the choice,
 * and Gemini 3 sends more after the finish reason. A stream that closes with a choice that never
 * got a finish reason was cut short: that is a {@link StreamEvent.Failed}, as is an event that is
 * Google's {@code {"error":...}} or not JSON at all. Nothing is emitted after a failure.
 */
public final class GeminiStreamDecoder {
    private final ToolCallIds ids;
    private final Map<Integer, ChoiceState> choices = new TreeMap<>();
    private boolean started;
    private boolean blocked;
    private boolean failed;

    private static final class ChoiceState {
        boolean toolCalls;
        boolean produced;
        Optional<String> finishReason = Optional.empty();
    }

    public GeminiStreamDecoder(ToolCallIds ids) {
        this.ids = ids;
    }

    public List<StreamEvent> onEvent(SseEvent event) {
        List<StreamEvent> out = new ArrayList<>();
        String data = event.dataString().strip();
        if (failed || data.isEmpty() || data.equals("[DONE]")) {
            return out;
        }
        Optional<JsonNode> parsed = parse(event.data());
        if (parsed.isEmpty()) {
            return fail(out, GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR,
                    "the upstream sent malformed data in its stream (an event that is not a JSON object)"));
        }
        JsonNode root = parsed.get();
        if (root.has("error")) {
            return fail(out, GeminiErrors.decode(root.path("error").path("code").asInt(500), event.data()));
        }
        if (!started) {
            started = true;
            out.add(new StreamEvent.Started(GeminiResponseDecoder.text(root.path("responseId")),
                    GeminiResponseDecoder.text(root.path("modelVersion"))));
        }
        JsonNode candidates = root.path("candidates");
        try {
            for (int i = 0; i < candidates.size(); i++) {
                candidate(candidates.get(i), i, out);
            }
        } catch (GatewayException e) {
            return fail(out, e.error());
        }
        if (candidates.isEmpty()) {
            GeminiResponseDecoder.promptBlock(root).ifPresent(block -> {
                blocked = true;
                out.add(new StreamEvent.Blocked(block));
            });
        }
        if (root.path("usageMetadata").isObject()) {
            out.add(new StreamEvent.UsageReport(GeminiUsage.fromJson(root.get("usageMetadata"))));
        }
        return out;
    }

    public List<StreamEvent> onEnd() {
        List<StreamEvent> out = new ArrayList<>();
        if (failed) {
            return out;
        }
        if (!started) {
            return fail(out, GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR,
                    "the upstream closed the stream without sending anything"));
        }
        for (Map.Entry<Integer, ChoiceState> entry : choices.entrySet()) {
            ChoiceState state = entry.getValue();
            if (state.finishReason.isEmpty()) {
                return fail(out, GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR,
                        "the upstream stream ended before the answer was finished"));
            }
            out.add(new StreamEvent.Finished(entry.getKey(),
                    GeminiFinishReasons.map(state.finishReason, state.toolCalls, state.produced), state.finishReason));
        }
        if (choices.isEmpty() && !blocked) {
            return fail(out, GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR,
                    "the upstream stream ended without any candidate and without saying why"));
        }
        return out;
    }

    private void candidate(JsonNode candidate, int position, List<StreamEvent> out) {
        int index = candidate.path("index").asInt(position);
        ChoiceState state = choices.computeIfAbsent(index, i -> new ChoiceState());
        for (JsonNode json : candidate.path("content").path("parts")) {
            Optional<Part> part = GeminiPartDecoder.decode(json, ids);
            if (part.isEmpty()) {
                continue;
            }
            switch (part.get()) {
                case Part.ToolCall call -> {
                    state.toolCalls = true;
                    state.produced = true;
                    out.add(new StreamEvent.ToolCallDelta(index, call));
                }
                case Part.Text text -> {
                    if (!text.text().isEmpty()) {
                        state.produced = true;
                        out.add(new StreamEvent.TextDelta(index, text.text()));
                    }
                    text.signature().ifPresent(s -> out.add(new StreamEvent.SignatureDelta(index, s)));
                }
                case Part.Reasoning reasoning -> {
                    if (!reasoning.text().isEmpty()) {
                        out.add(new StreamEvent.ReasoningDelta(index, reasoning.text()));
                    }
                    reasoning.signature().ifPresent(s -> out.add(new StreamEvent.SignatureDelta(index, s)));
                }
                case Part.Blob b -> { }
                case Part.FileRef f -> { }
                case Part.ToolResult r -> { }
                case Part.RedactedReasoning r -> { }
            }
        }
        List<TokenLogprob> logprobs = GeminiLogprobs.decode(candidate);
        if (!logprobs.isEmpty()) {
            out.add(new StreamEvent.Logprobs(index, logprobs));
        }
        GeminiResponseDecoder.text(candidate.path("finishReason")).ifPresent(r -> state.finishReason = Optional.of(r));
    }

    private List<StreamEvent> fail(List<StreamEvent> out, GatewayError error) {
        failed = true;
        out.add(new StreamEvent.Failed(error));
        return out;
    }

    private static Optional<JsonNode> parse(byte[] data) {
        try {
            return Optional.ofNullable(Json.MAPPER.readTree(data)).filter(JsonNode::isObject);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
