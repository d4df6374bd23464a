package dev.junction.protocol.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.FinishReason;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.Part;
import dev.junction.protocol.model.StreamEvent;
import dev.junction.protocol.model.ToolCallIds;
import dev.junction.protocol.sse.SseEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Folds an OpenAI-compatible {@code chat.completion.chunk} stream into canonical
 * {@link StreamEvent}s; one instance per stream, not thread-safe, never throws.
 *
 * <ul>
 *   <li>The first chunk gives {@link StreamEvent.Started} with the vendor's id and model.
 *   <li>{@code delta.content} and {@code delta.reasoning_content} (or {@code reasoning}) go out as
 *       they come.
 *   <li>Tool calls arrive in fragments keyed by {@code index}: the first names the id and the
 *       function, the rest append to {@code arguments}. Each call goes out whole (canonical calls
 *       are whole) when its choice finishes, in index order; arguments that are not a JSON object
 *       fail the stream.
 *   <li>{@code finish_reason} finishes its choice; usage (on the last chunk, whose
 *       {@code choices} is empty, or on any chunk where a vendor puts it) is reported as it comes.
 *   <li>{@code data: [DONE]} ends the answer. A chunk with an {@code error} key, garbage, or an
 *       end before any choice finished is a {@link StreamEvent.Failed}, after which nothing more
 *       is said. An end without {@code [DONE]} after every choice finished is accepted: some
 *       compatible servers close without it.
 * </ul>
 */
public final class OpenAiStreamDecoder {
    private final ToolCallIds ids;
    private final Map<Integer, Map<Integer, ToolFragments>> tools = new TreeMap<>();
    private final Set<Integer> open = new TreeSet<>();
    private final Set<Integer> finished = new TreeSet<>();
    private boolean started;
    private boolean done;
    private boolean failed;

    public OpenAiStreamDecoder(ToolCallIds ids) {
        this.ids = ids;
    }

    private static final class ToolFragments {
        String id = "";
        String name = "";
        final StringBuilder arguments = new StringBuilder();
    }

    public List<StreamEvent> onEvent(SseEvent event) {
        List<StreamEvent> out = new ArrayList<>();
        if (failed || done) {
            return out;
        }
        String data = event.dataString().trim();
        if (data.equals("[DONE]")) {
            finishAll(out);
            done = true;
            return out;
        }
        if (data.isEmpty()) {
            return out;
        }
        JsonNode chunk;
        try {
            chunk = Json.MAPPER.readTree(event.data());
        } catch (IOException e) {
            return fail(out, GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR,
                    "the upstream sent a stream chunk that is not JSON"));
        }
        if (chunk == null || !chunk.isObject()) {
            return fail(out, GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR,
                    "the upstream sent a stream chunk that is not a JSON object"));
        }
        if (chunk.has("error") && !chunk.get("error").isNull()) {
            return fail(out, OpenAiErrorDecoder.decodeEvent(chunk));
        }
        if (!started) {
            started = true;
            out.add(new StreamEvent.Started(OpenAiResponseDecoder.text(chunk.path("id")),
                    OpenAiResponseDecoder.text(chunk.path("model"))));
        }
        for (JsonNode choice : chunk.path("choices")) {
            choice(choice, out);
            if (failed) {
                return out;
            }
        }
        if (chunk.path("usage").isObject()) {
            out.add(new StreamEvent.UsageReport(OpenAiUsage.read(chunk.get("usage"))));
        }
        return out;
    }

    /** The upstream closed the stream. */
    public List<StreamEvent> onEnd() {
        List<StreamEvent> out = new ArrayList<>();
        if (failed || done) {
            return out;
        }
        if (!started) {
            return fail(out, GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR,
                    "the upstream closed the stream without sending anything"));
        }
        if (finished.isEmpty() || !finished.containsAll(open)) {
            return fail(out, GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR,
                    "the upstream stream ended before the answer was finished"));
        }
        done = true;
        return out;
    }

    private void choice(JsonNode choice, List<StreamEvent> out) {
        int index = choice.path("index").asInt(0);
        if (finished.contains(index)) {
            return;
        }
        open.add(index);
        JsonNode delta = choice.path("delta");
        OpenAiResponseDecoder.reasoning(delta).ifPresent(r -> out.add(new StreamEvent.ReasoningDelta(index, r)));
        OpenAiResponseDecoder.text(delta.path("content")).or(() -> OpenAiResponseDecoder.text(delta.path("refusal")))
                .ifPresent(t -> out.add(new StreamEvent.TextDelta(index, t)));
        for (JsonNode call : delta.path("tool_calls")) {
            Map<Integer, ToolFragments> calls = tools.computeIfAbsent(index, k -> new TreeMap<>());
            int position = call.path("index").canConvertToInt() ? call.get("index").asInt() : calls.size();
            ToolFragments fragments = calls.computeIfAbsent(position, k -> new ToolFragments());
            OpenAiResponseDecoder.text(call.path("id")).ifPresent(id -> fragments.id = id);
            JsonNode function = call.path("function");
            OpenAiResponseDecoder.text(function.path("name")).ifPresent(n -> fragments.name = fragments.name + n);
            JsonNode arguments = function.path("arguments");
            fragments.arguments.append(arguments.isObject() ? arguments.toString() : arguments.asText(""));
        }
        Optional<String> reason = OpenAiResponseDecoder.text(choice.path("finish_reason"));
        if (reason.isPresent()) {
            finish(index, OpenAiFinishReasons.read(reason.get()), reason, out);
        }
    }

    private void finish(int index, FinishReason reason, Optional<String> nativeReason, List<StreamEvent> out) {
        Map<Integer, ToolFragments> calls = tools.remove(index);
        if (calls != null) {
            for (ToolFragments call : calls.values()) {
                String arguments = call.arguments.toString().isBlank() ? "{}" : call.arguments.toString();
                if (!isObject(arguments)) {
                    fail(out, GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR,
                            "the upstream streamed tool arguments that are not a JSON object (tool " + call.name + ")"));
                    return;
                }
                out.add(new StreamEvent.ToolCallDelta(index, new Part.ToolCall(call.id.isEmpty() ? ids.next() : call.id,
                        call.name, arguments, Optional.empty())));
            }
        }
        finished.add(index);
        out.add(new StreamEvent.Finished(index, reason, nativeReason));
    }

    /** {@code [DONE]} with a choice still open: what it had is its answer, ended as a stop. */
    private void finishAll(List<StreamEvent> out) {
        for (int index : new ArrayList<>(open)) {
            if (!finished.contains(index) && !failed) {
                finish(index, tools.containsKey(index) ? FinishReason.TOOL_CALLS : FinishReason.STOP, Optional.empty(),
                        out);
            }
        }
    }

    private static boolean isObject(String json) {
        try {
            JsonNode node = Json.MAPPER.readTree(json);
            return node != null && node.isObject();
        } catch (JsonProcessingException | RuntimeException e) {
            return false;
        }
    }

    private List<StreamEvent> fail(List<StreamEvent> out, GatewayError error) {
        failed = true;
        out.add(new StreamEvent.Failed(error));
        return out;
    }
}
