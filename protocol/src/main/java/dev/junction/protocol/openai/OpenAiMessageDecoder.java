package dev.junction.protocol.openai;

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

/**
 * Reads {@code messages}: system and developer messages are hoisted into the system
 * instructions (order kept); {@code assistant} (and Google's alias {@code model}) keeps its text
 * and tool calls; {@code tool} results get back the function name of the call they answer, which
 * must appear earlier in the conversation; the legacy {@code function} role answers by name.
 *
 * <p>A message's {@code name} must be a string and is then ignored (Gemini has no participant
 * names). An assistant message's {@code reasoning_content} is not replayed: Gemini carries its
 * reasoning state in thought signatures, which this decoder keeps, byte for byte, from
 * {@code tool_calls[i].extra_content.google.thought_signature} (onto that call) and from the
 * message's own {@code extra_content.google.thought_signature} (onto its last text part).
 */
final class OpenAiMessageDecoder {
    /** The conversation split as the canonical request holds it. */
    record Conversation(List<Part> system, List<Message> messages) {}

    private final List<Part> system = new ArrayList<>();
    private final List<Message> messages = new ArrayList<>();
    private final OpenAiToolCallLedger calls = new OpenAiToolCallLedger();

    private OpenAiMessageDecoder() {}

    static Conversation decode(JsonField field) {
        List<JsonField> elements = field.elements();
        if (elements.isEmpty()) {
            throw field.invalid("Invalid '" + field.path() + "': empty array. Expected an array with minimum length 1,"
                    + " but got an empty array instead.");
        }
        OpenAiMessageDecoder decoder = new OpenAiMessageDecoder();
        for (JsonField message : elements) {
            decoder.message(message);
        }
        return new Conversation(decoder.system, decoder.messages);
    }

    private void message(JsonField message) {
        message.object();
        JsonField role = message.field("role");
        // A participant's name has no Gemini equivalent and is dropped, but only once it is a string.
        message.field("name").optString();
        switch (role.string()) {
            case "system", "developer" -> system.addAll(textContent(message.field("content"), true));
            case "user" -> messages.add(new Message(Role.USER,
                    OpenAiContentDecoder.decode(required(message.field("content")), OpenAiContentDecoder.Allowed.ANY)));
            case "assistant", "model" -> messages.add(assistant(message));
            case "tool" -> messages.add(toolResult(message));
            case "function" -> messages.add(functionResult(message));
            default -> throw role.invalid("Invalid value: '" + Json.brief(role.string()) + "'. Supported values are: 'system',"
                    + " 'developer', 'user', 'assistant', 'tool', and 'function'.");
        }
    }

    private static List<Part> textContent(JsonField content, boolean required) {
        if (required) {
            required(content);
        }
        return OpenAiContentDecoder.decode(content, OpenAiContentDecoder.Allowed.TEXT_ONLY);
    }

    private Message assistant(JsonField message) {
        List<Part> parts = new ArrayList<>(
                OpenAiContentDecoder.decode(message.field("content"), OpenAiContentDecoder.Allowed.ASSISTANT));
        Optional<String> signature = OpenAiExtraContent.signature(message);
        if (signature.isPresent()) {
            attachToLastText(parts, signature.get());
        }
        JsonField toolCalls = message.field("tool_calls");
        if (toolCalls.isPresent()) {
            for (JsonField call : toolCalls.elements()) {
                parts.add(toolCall(call));
            }
        }
        JsonField functionCall = message.field("function_call");
        if (functionCall.isPresent()) {
            functionCall.object();
            String name = functionCall.field("name").string();
            String arguments = arguments(functionCall.field("arguments"));
            parts.add(calls.record(OpenAiToolCallLedger.legacyId(messages.size()), name, arguments, Optional.empty()));
        }
        return new Message(Role.ASSISTANT, parts);
    }

    /** Text-part signatures sit on the last text part, where Gemini put them. */
    private static void attachToLastText(List<Part> parts, String signature) {
        for (int i = parts.size() - 1; i >= 0; i--) {
            if (parts.get(i) instanceof Part.Text text) {
                parts.set(i, new Part.Text(text.text(), Optional.of(signature)));
                return;
            }
        }
        parts.add(new Part.Text("", Optional.of(signature)));
    }

    private Part.ToolCall toolCall(JsonField call) {
        call.object();
        JsonField type = call.field("type");
        if (type.isPresent() && !type.string().equals("function")) {
            throw type.invalid("Invalid value: '" + Json.brief(type.string()) + "'. Supported values are: 'function'.");
        }
        String id = call.field("id").string();
        JsonField function = call.field("function");
        function.object();
        String name = function.field("name").string();
        return calls.record(id, name, arguments(function.field("arguments")), OpenAiExtraContent.signature(call));
    }

    /** The arguments text, which must be a JSON object (empty means no arguments). */
    private static String arguments(JsonField field) {
        String text = field.isAbsent() ? "" : field.string();
        if (text.isBlank()) {
            return "{}";
        }
        JsonNode parsed = parseJson(text).orElseThrow(() -> field.invalid(
                "Invalid '" + field.path() + "': the arguments are not valid JSON."));
        if (!parsed.isObject()) {
            throw field.invalid("Invalid '" + field.path() + "': the arguments must be a JSON object.");
        }
        return text;
    }

    private Message toolResult(JsonField message) {
        JsonField id = message.field("tool_call_id");
        Part.ToolCall call = calls.answer(id.string()).orElseThrow(() -> id.invalid("Invalid '" + id.path()
                + "': no earlier assistant message has a tool call with id '" + Json.brief(id.string()) + "'."));
        String content = OpenAiContentDecoder.text(required(message.field("content")));
        return new Message(Role.TOOL, List.of(new Part.ToolResult(call.id(), call.name(), resultJson(content))));
    }

    private Message functionResult(JsonField message) {
        JsonField name = message.field("name");
        String callId = calls.answerByName(name.string())
                .map(Part.ToolCall::id)
                .orElseGet(() -> OpenAiToolCallLedger.legacyId(messages.size()));
        String content = OpenAiContentDecoder.text(message.field("content"));
        return new Message(Role.TOOL, List.of(new Part.ToolResult(callId, name.string(), resultJson(content))));
    }

    /** A result that is JSON stays that JSON; anything else travels as a JSON string. */
    static String resultJson(String content) {
        return parseJson(content).map(JsonNode::toString).orElseGet(() -> Json.MAPPER.getNodeFactory()
                .textNode(content).toString());
    }

    private static Optional<JsonNode> parseJson(String text) {
        try {
            return Optional.ofNullable(Json.MAPPER.readTree(text)).filter(n -> !n.isMissingNode());
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static JsonField required(JsonField field) {
        if (field.isAbsent()) {
            throw field.invalid("Missing required parameter: '" + field.path() + "'.");
        }
        return field;
    }
}
