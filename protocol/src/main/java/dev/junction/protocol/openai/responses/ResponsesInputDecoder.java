package dev.junction.protocol.openai.responses;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.JsonField;
import dev.junction.protocol.model.Message;
import dev.junction.protocol.model.Part;
import dev.junction.protocol.model.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code input}: a string (one user message) or a list of items, in order.
 *
 * <table>
 * <caption>Input items</caption>
 * <tr><th>Item</th><th>Becomes</th></tr>
 * <tr><td>{@code message} (the {@code type} may be left out) with role {@code user}</td>
 *     <td>a user message; parts per {@link ResponsesContentDecoder}</td></tr>
 * <tr><td>{@code message} with role {@code system} or {@code developer}</td><td>system
 *     instructions, after {@code instructions}, text only</td></tr>
 * <tr><td>{@code message} with role {@code assistant}</td><td>assistant text
 *     ({@code output_text}, {@code refusal})</td></tr>
 * <tr><td>{@code function_call {call_id, name, arguments}}</td><td>a tool call of the assistant;
 *     {@code arguments} must be a JSON object's text</td></tr>
 * <tr><td>{@code function_call_output {call_id, output}}</td><td>the result of the earlier call
 *     with that {@code call_id} (which gives it its function name); {@code output} a string, or
 *     parts whose text is joined</td></tr>
 * <tr><td>{@code reasoning {summary, encrypted_content}}</td><td>a thought of the assistant,
 *     kept only when it carries {@code encrypted_content} (the vendor's seal, as Junction returned
 *     it): a thought summary alone means nothing to the model, which keeps its reasoning state in
 *     that seal</td></tr>
 * <tr><td>{@code item_reference}</td><td>400: nothing is stored, so there is nothing to refer to</td></tr>
 * <tr><td>anything else</td><td>400 naming the supported types</td></tr>
 * </table>
 *
 * Adjacent assistant items (a message, its reasoning, its calls) form one assistant turn, and
 * adjacent results one tool turn, as the vendors expect them.
 */
final class ResponsesInputDecoder {
    /** The conversation split as the canonical request holds it. */
    record Conversation(List<Part> system, List<Message> messages) {}

    private final List<Part> system = new ArrayList<>();
    private final List<Message> messages = new ArrayList<>();
    private final List<Part.ToolCall> calls = new ArrayList<>();
    private Role openRole;
    private List<Part> open;

    private ResponsesInputDecoder() {}

    static Conversation decode(JsonField input) {
        ResponsesInputDecoder decoder = new ResponsesInputDecoder();
        if (input.node().isTextual()) {
            decoder.add(Role.USER, List.of(Part.Text.of(input.string())));
        } else if (input.isPresent() && !input.node().isArray()) {
            throw input.wrongType("a string or an array of input items");
        } else {
            List<JsonField> items = input.elements();
            if (items.isEmpty()) {
                throw input.invalid("Invalid '" + input.path() + "': empty array. Expected an array with minimum"
                        + " length 1, but got an empty array instead.");
            }
            for (JsonField item : items) {
                decoder.item(item);
            }
        }
        decoder.flush();
        if (decoder.messages.isEmpty()) {
            throw input.invalid("Invalid '" + input.path() + "': the input has no user, assistant or tool item,"
                    + " only instructions.");
        }
        return new Conversation(decoder.system, decoder.messages);
    }

    private void item(JsonField item) {
        item.object();
        JsonField type = item.field("type");
        String kind = type.optString().orElse("message");
        switch (kind) {
            case "message" -> message(item);
            case "function_call" -> add(Role.ASSISTANT, List.of(functionCall(item)));
            case "function_call_output" -> add(Role.TOOL, List.of(functionOutput(item)));
            case "reasoning" -> reasoning(item).ifPresent(r -> add(Role.ASSISTANT, List.of(r)));
            case "item_reference" -> throw type.invalid("Invalid '" + type.path() + "': item references are not"
                    + " supported, since responses are not stored; send the items themselves.");
            default -> throw type.invalid("Invalid value: '" + kind + "'. Supported values are: 'message',"
                    + " 'function_call', 'function_call_output', and 'reasoning'.");
        }
    }

    private void message(JsonField item) {
        JsonField role = item.field("role");
        JsonField content = item.field("content");
        switch (role.string()) {
            case "user" -> add(Role.USER, ResponsesContentDecoder.decode(content, ResponsesContentDecoder.INPUT));
            case "system", "developer" -> {
                for (Part part : ResponsesContentDecoder.decode(content, Set.of("input_text"))) {
                    system.add(part);
                }
            }
            case "assistant" -> add(Role.ASSISTANT, ResponsesContentDecoder.decode(content,
                    ResponsesContentDecoder.OUTPUT));
            default -> throw role.invalid("Invalid value: '" + role.string() + "'. Supported values are: 'user',"
                    + " 'assistant', 'system', and 'developer'.");
        }
    }

    private Part.ToolCall functionCall(JsonField item) {
        String callId = item.field("call_id").string();
        String name = item.field("name").string();
        JsonField arguments = item.field("arguments");
        String text = arguments.string();
        if (text.isBlank()) {
            text = "{}";
        } else {
            JsonNode parsed = parse(text).orElseThrow(() -> arguments.invalid("Invalid '" + arguments.path()
                    + "': the arguments are not valid JSON."));
            if (!parsed.isObject()) {
                throw arguments.invalid("Invalid '" + arguments.path() + "': the arguments must be a JSON object.");
            }
        }
        Part.ToolCall call = new Part.ToolCall(callId, name, text, Optional.empty());
        calls.add(call);
        return call;
    }

    private Part.ToolResult functionOutput(JsonField item) {
        JsonField callId = item.field("call_id");
        String id = callId.string();
        Part.ToolCall call = calls.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow(() ->
                callId.invalid("No tool call found for function call output with call_id " + id + "."));
        JsonField output = item.field("output");
        StringBuilder text = new StringBuilder();
        for (Part part : ResponsesContentDecoder.decode(output, ResponsesContentDecoder.INPUT)) {
            if (!(part instanceof Part.Text t)) {
                throw output.invalid("Invalid '" + output.path() + "': only text function call outputs are"
                        + " supported.");
            }
            text.append(t.text());
        }
        return new Part.ToolResult(call.id(), call.name(), resultJson(text.toString()));
    }

    private static Optional<Part> reasoning(JsonField item) {
        StringBuilder text = new StringBuilder();
        JsonField summary = item.field("summary");
        if (summary.isPresent()) {
            for (JsonField part : summary.elements()) {
                part.object();
                JsonField type = part.field("type");
                if (!type.string().equals("summary_text")) {
                    throw type.invalid("Invalid value: '" + type.string() + "'. Supported values are: 'summary_text'.");
                }
                text.append(part.field("text").string());
            }
        }
        Optional<String> seal = item.field("encrypted_content").optString().filter(s -> !s.isEmpty());
        return seal.map(s -> new Part.Reasoning(text.toString(), Optional.of(s)));
    }

    private void add(Role role, List<Part> parts) {
        if (role != openRole) {
            flush();
            openRole = role;
            open = new ArrayList<>();
        }
        open.addAll(parts);
    }

    private void flush() {
        if (openRole != null && !open.isEmpty()) {
            messages.add(new Message(openRole, open));
        }
        openRole = null;
        open = null;
    }

    /** A result that is JSON stays that JSON; anything else travels as a JSON string. */
    private static String resultJson(String content) {
        return parse(content).map(JsonNode::toString)
                .orElseGet(() -> Json.MAPPER.getNodeFactory().textNode(content).toString());
    }

    private static Optional<JsonNode> parse(String text) {
        try {
            return Optional.ofNullable(Json.MAPPER.readTree(text)).filter(n -> !n.isMissingNode());
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
