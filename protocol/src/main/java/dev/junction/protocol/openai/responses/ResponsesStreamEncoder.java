package dev.junction.protocol.openai.responses;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.FinishReason;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.Part;
import dev.junction.protocol.model.StreamContext;
import dev.junction.protocol.model.StreamEvent;
import dev.junction.protocol.model.Usage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Folds canonical {@link StreamEvent}s into the Responses API's typed stream events, in
 * OpenAI's order, each framed as {@code event: <type>} and {@code data: <json>} and numbered by
 * {@code sequence_number} from 0:
 *
 * <pre>
 * response.created, response.in_progress                       as soon as the upstream answered ({@link #onStart})
 * per text run:      response.output_item.added (message), response.content_part.added (output_text),
 *                    response.output_text.delta..., response.output_text.done,
 *                    response.content_part.done, response.output_item.done
 * per thought run:   response.output_item.added (reasoning), response.reasoning_summary_part.added,
 *                    response.reasoning_summary_text.delta..., response.reasoning_summary_text.done,
 *                    response.reasoning_summary_part.done, response.output_item.done
 * per tool call:     response.output_item.added (function_call), response.function_call_arguments.delta,
 *                    response.function_call_arguments.done, response.output_item.done
 * response.completed, or response.incomplete (token limit, content filter)   at the end, with usage
 * </pre>
 *
 * An item closes when content of another kind arrives; thoughts are shown only when the caller
 * asked for a reasoning summary. A failure after the start is {@code response.failed}, whose
 * response carries the {@code error} and the items finished so far, and the stream ends there
 * (a failure before the start is an {@code error} event). One instance per stream; not
 * thread-safe.
 */
public final class ResponsesStreamEncoder {
    private enum Open { NONE, MESSAGE, REASONING }

    private final StreamContext context;
    private final ResponsesRequest request;
    private final ArrayNode output = Json.MAPPER.createArrayNode();
    private int sequence;
    private boolean started;
    private boolean over;
    private Open open = Open.NONE;
    private String openId;
    private int openIndex;
    private final StringBuilder openText = new StringBuilder();
    private Optional<String> seal = Optional.empty();
    private FinishReason reason = FinishReason.STOP;
    private boolean blocked;
    private Usage usage = Usage.ZERO;

    public ResponsesStreamEncoder(StreamContext context, ResponsesRequest request) {
        this.context = context;
        this.request = request;
    }

    /** {@code response.created} and {@code response.in_progress}, as soon as the upstream accepted the call. */
    public List<byte[]> onStart() {
        List<byte[]> out = new ArrayList<>();
        start(out);
        return out;
    }

    public List<byte[]> onEvent(StreamEvent event) {
        List<byte[]> out = new ArrayList<>();
        if (over) {
            return out;
        }
        if (event instanceof StreamEvent.Failed f) {
            fail(f.error(), out);
            return out;
        }
        start(out);
        switch (event) {
            case StreamEvent.TextDelta t -> {
                if (t.choice() == 0 && !t.text().isEmpty()) {
                    openMessage(out);
                    openText.append(t.text());
                    ObjectNode delta = at("response.output_text.delta").put("content_index", 0).put("delta", t.text());
                    delta.putArray("logprobs");
                    out.add(event(delta));
                }
            }
            case StreamEvent.ReasoningDelta r -> {
                if (r.choice() == 0 && context.includeReasoning() && !r.text().isEmpty()) {
                    openReasoning(out);
                    openText.append(r.text());
                    out.add(event(at("response.reasoning_summary_text.delta").put("summary_index", 0)
                            .put("delta", r.text())));
                }
            }
            case StreamEvent.ReasoningSignature s -> {
                if (s.choice() == 0 && open == Open.REASONING && !s.signature().isEmpty()) {
                    seal = Optional.of(s.signature());
                    close(out);
                }
            }
            case StreamEvent.ToolCallDelta c -> {
                if (c.choice() == 0) {
                    toolCall(c.call(), out);
                }
            }
            case StreamEvent.Finished f -> {
                if (f.choice() == 0) {
                    reason = f.reason();
                }
            }
            case StreamEvent.UsageReport u -> usage = u.usage();
            case StreamEvent.Blocked b -> blocked = true;
            case StreamEvent.Started s -> { }
            case StreamEvent.SignatureDelta s -> { } // a text part's seal: Junction keeps tool-call seals itself
            case StreamEvent.RedactedReasoning r -> { } // another vendor's encrypted thinking: nothing to show
            case StreamEvent.Logprobs l -> { } // output_text logprobs are not relayed through the Responses door yet
            case StreamEvent.Failed f -> { }
        }
        return out;
    }

    /** The upstream ended normally: the open item closes, then {@code response.completed} or {@code .incomplete}. */
    public List<byte[]> onEnd() {
        List<byte[]> out = new ArrayList<>();
        if (over) {
            return out;
        }
        start(out);
        close(out);
        over = true;
        ResponsesOutcome outcome = ResponsesOutcome.of(reason, blocked);
        String type = outcome.status().equals("completed") ? "response.completed" : "response.incomplete";
        out.add(event(Json.MAPPER.createObjectNode().put("type", type).set("response",
                ResponsesEnvelope.response(context, request.echo(), outcome.status(), outcome.incompleteReason(),
                        Optional.empty(), output.deepCopy(), Optional.of(usage)))));
        return out;
    }

    private void start(List<byte[]> out) {
        if (started) {
            return;
        }
        started = true;
        for (String type : List.of("response.created", "response.in_progress")) {
            out.add(event(Json.MAPPER.createObjectNode().put("type", type).set("response",
                    ResponsesEnvelope.response(context, request.echo(), "in_progress", Optional.empty(),
                            Optional.empty(), Json.MAPPER.createArrayNode(), Optional.empty()))));
        }
    }

    private void fail(GatewayError error, List<byte[]> out) {
        over = true;
        ObjectNode body = Json.MAPPER.createObjectNode().put("code", code(error)).put("message", error.message());
        if (!started) {
            ObjectNode event = Json.MAPPER.createObjectNode().put("type", "error").put("code", code(error))
                    .put("message", error.message());
            error.param().ifPresentOrElse(p -> event.put("param", p), () -> event.putNull("param"));
            out.add(event(event));
            return;
        }
        out.add(event(Json.MAPPER.createObjectNode().put("type", "response.failed").set("response",
                ResponsesEnvelope.response(context, request.echo(), "failed", Optional.empty(), Optional.of(body),
                        output.deepCopy(), Optional.of(usage)))));
    }

    /** The {@code ResponseError} code closest to the failure's kind. */
    private static String code(GatewayError error) {
        return switch (error.kind()) {
            case RATE_LIMITED, QUOTA_EXHAUSTED -> "rate_limit_exceeded";
            case INVALID_REQUEST -> "invalid_prompt";
            default -> "server_error";
        };
    }

    private void openMessage(List<byte[]> out) {
        if (open == Open.MESSAGE) {
            return;
        }
        close(out);
        open(Open.MESSAGE, "msg");
        out.add(itemEvent("response.output_item.added", ResponsesItems.message(openId, "in_progress")));
        ObjectNode added = at("response.content_part.added").put("content_index", 0);
        added.set("part", ResponsesItems.outputText(""));
        out.add(event(added));
    }

    private void openReasoning(List<byte[]> out) {
        if (open == Open.REASONING) {
            return;
        }
        close(out);
        open(Open.REASONING, "rs");
        out.add(itemEvent("response.output_item.added", ResponsesItems.reasoning(openId, Optional.empty())));
        ObjectNode added = at("response.reasoning_summary_part.added").put("summary_index", 0);
        added.set("part", ResponsesItems.summaryText(""));
        out.add(event(added));
    }

    private void open(Open kind, String prefix) {
        open = kind;
        openIndex = output.size();
        openId = ResponsesItems.id(prefix, context.responseId(), openIndex);
        openText.setLength(0);
        seal = Optional.empty();
    }

    private void close(List<byte[]> out) {
        String text = openText.toString();
        switch (open) {
            case NONE -> {
                return;
            }
            case MESSAGE -> {
                ObjectNode done = at("response.output_text.done").put("content_index", 0).put("text", text);
                done.putArray("logprobs");
                out.add(event(done));
                ObjectNode partDone = at("response.content_part.done").put("content_index", 0);
                partDone.set("part", ResponsesItems.outputText(text));
                out.add(event(partDone));
                ObjectNode item = ResponsesItems.message(openId, "completed");
                item.withArray("content").add(ResponsesItems.outputText(text));
                finishItem(item, out);
            }
            case REASONING -> {
                out.add(event(at("response.reasoning_summary_text.done").put("summary_index", 0).put("text", text)));
                ObjectNode partDone = at("response.reasoning_summary_part.done").put("summary_index", 0);
                partDone.set("part", ResponsesItems.summaryText(text));
                out.add(event(partDone));
                ObjectNode item = ResponsesItems.reasoning(openId, request.encryptedReasoning() ? seal : Optional.empty());
                item.withArray("summary").add(ResponsesItems.summaryText(text));
                finishItem(item, out);
            }
        }
        open = Open.NONE;
    }

    private void toolCall(Part.ToolCall call, List<byte[]> out) {
        close(out);
        openIndex = output.size();
        openId = ResponsesItems.id("fc", context.responseId(), openIndex);
        out.add(itemEvent("response.output_item.added", ResponsesItems.functionCall(openId, "in_progress", call, "")));
        out.add(event(at("response.function_call_arguments.delta").put("delta", call.argumentsJson())));
        out.add(event(at("response.function_call_arguments.done").put("name", call.name())
                .put("arguments", call.argumentsJson())));
        finishItem(ResponsesItems.functionCall(openId, "completed", call, call.argumentsJson()), out);
    }

    private void finishItem(ObjectNode item, List<byte[]> out) {
        output.add(item);
        out.add(itemEvent("response.output_item.done", item.deepCopy()));
    }

    private byte[] itemEvent(String type, ObjectNode item) {
        ObjectNode event = Json.MAPPER.createObjectNode().put("type", type).put("output_index", openIndex);
        event.set("item", item);
        return event(event);
    }

    /** An event about the open item: its {@code type}, {@code item_id} and {@code output_index}. */
    private ObjectNode at(String type) {
        return Json.MAPPER.createObjectNode().put("type", type).put("item_id", openId).put("output_index", openIndex);
    }

    /** {@code event: <type>}, {@code data: <json>} with the next {@code sequence_number}, and a blank line. */
    private byte[] event(ObjectNode data) {
        data.put("sequence_number", sequence++);
        try {
            byte[] json = Json.MAPPER.writeValueAsBytes(data);
            byte[] head = ("event: " + data.path("type").asText() + "\ndata: ").getBytes(StandardCharsets.US_ASCII);
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
