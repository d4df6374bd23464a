package dev.junction.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.JsonField;
import dev.junction.protocol.model.Message;
import dev.junction.protocol.model.Part;
import dev.junction.protocol.model.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gemini {@code contents} (and {@code systemInstruction}) as the canonical conversation, for a
 * Gemini-native client served by an upstream of another protocol.
 *
 * <ul>
 *   <li>{@code user} turns (or none named) are the user's, {@code model} turns the assistant's;
 *       a turn's {@code functionResponse} parts become a tool turn of their own, before its other
 *       parts.
 *   <li>{@code text} is text ({@code thought: true} makes it reasoning), {@code inlineData} inline
 *       media, {@code fileData} media by URI; thought signatures stay on their part.
 *   <li>Calls and results are matched by id where the client gave ids (the Gemini API sends
 *       none, Vertex does), else by name, the first unanswered call of that name; a call without
 *       an id gets {@code call_<turn>_<part>}, stable across the conversation's requests.
 *   <li>A result's {@code response} travels as its JSON; one that holds only {@code output} (or
 *       {@code error}, then marked as an error) as that value, the keys Google documents.
 *   <li>Parts only Gemini can run ({@code executableCode}, {@code codeExecutionResult}) are a 400.
 * </ul>
 */
final class GeminiContentsDecoder {
    private final List<Message> messages = new ArrayList<>();
    private final List<Part.ToolCall> calls = new ArrayList<>();
    private final List<Boolean> answered = new ArrayList<>();

    private GeminiContentsDecoder() {}

    static List<Message> decode(JsonField contents) {
        GeminiContentsDecoder decoder = new GeminiContentsDecoder();
        List<JsonField> turns = contents.elements();
        if (turns.isEmpty()) {
            throw contents.invalid("contents is not specified");
        }
        for (int t = 0; t < turns.size(); t++) {
            decoder.turn(turns.get(t), t);
        }
        return decoder.messages;
    }

    /** {@code systemInstruction}: a content whose parts must be text (a plain string is taken too). */
    static List<Part> system(JsonField instruction) {
        if (instruction.isAbsent()) {
            return List.of();
        }
        if (instruction.node().isTextual()) {
            return List.of(Part.Text.of(instruction.node().textValue()));
        }
        instruction.object();
        List<Part> parts = new ArrayList<>();
        for (JsonField part : instruction.field("parts").elements()) {
            part.object();
            parts.add(Part.Text.of(part.field("text").string()));
        }
        return parts;
    }

    private void turn(JsonField turn, int t) {
        turn.object();
        String role = turn.field("role").optString().orElse("user");
        boolean model = switch (role) {
            case "model", "assistant" -> true;
            case "user", "function", "tool" -> false;
            default -> throw turn.field("role").invalid("Invalid value at '" + turn.field("role").path()
                    + "': the role must be 'user' or 'model'.");
        };
        List<Part> results = new ArrayList<>();
        List<Part> others = new ArrayList<>();
        List<JsonField> parts = turn.field("parts").elements();
        for (int p = 0; p < parts.size(); p++) {
            JsonField part = parts.get(p);
            part.object();
            if (GeminiFields.get(part, "functionResponse").isPresent()) {
                results.add(result(GeminiFields.get(part, "functionResponse")));
            } else {
                part(part, t, p, model).ifPresent(others::add);
            }
        }
        if (!results.isEmpty()) {
            messages.add(new Message(Role.TOOL, results));
        }
        if (!others.isEmpty() || results.isEmpty()) {
            messages.add(new Message(model ? Role.ASSISTANT : Role.USER, others));
        }
    }

    private Optional<Part> part(JsonField part, int t, int p, boolean model) {
        Optional<String> signature = GeminiFields.get(part, "thoughtSignature").optString();
        JsonField text = part.field("text");
        if (text.isPresent()) {
            boolean thought = part.field("thought").optBool().orElse(false);
            return Optional.of(thought ? new Part.Reasoning(text.string(), signature)
                    : new Part.Text(text.string(), signature));
        }
        JsonField inline = GeminiFields.get(part, "inlineData");
        if (inline.isPresent()) {
            inline.object();
            return Optional.of(new Part.Blob(GeminiFields.get(inline, "mimeType").string(), inline.field("data").string()));
        }
        JsonField file = GeminiFields.get(part, "fileData");
        if (file.isPresent()) {
            file.object();
            JsonField uri = GeminiFields.get(file, "fileUri");
            return Optional.of(new Part.FileRef(GeminiFields.get(file, "mimeType").optString(), uri.string(),
                    Optional.of(uri.path())));
        }
        JsonField call = GeminiFields.get(part, "functionCall");
        if (call.isPresent()) {
            if (!model) {
                throw call.invalid("Invalid value at '" + call.path() + "': only model turns may hold function calls.");
            }
            call.object();
            String name = call.field("name").string();
            JsonField args = call.field("args");
            String arguments = args.isAbsent() ? "{}" : args.object().toString();
            String id = call.field("id").optString().filter(s -> !s.isEmpty()).orElse("call_" + t + "_" + p);
            Part.ToolCall recorded = new Part.ToolCall(id, name, arguments, signature);
            calls.add(recorded);
            answered.add(false);
            return Optional.of(recorded);
        }
        for (String onlyGemini : List.of("executableCode", "codeExecutionResult")) {
            if (GeminiFields.get(part, onlyGemini).isPresent()) {
                throw part.invalid("Invalid value at '" + part.path() + "': " + onlyGemini
                        + " parts are served by Gemini models only.");
            }
        }
        if (signature.isPresent()) {
            return Optional.of(new Part.Text("", signature));
        }
        throw part.invalid("Invalid value at '" + part.path() + "': the part holds no text, inlineData, fileData,"
                + " functionCall or functionResponse.");
    }

    private Part result(JsonField response) {
        response.object();
        String name = response.field("name").string();
        Optional<String> id = response.field("id").optString().filter(s -> !s.isEmpty());
        String callId = answer(id, name);
        JsonField body = response.field("response");
        JsonNode value = body.isAbsent() ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : body.object();
        boolean error = value.size() == 1 && value.has("error");
        JsonNode result = value.size() == 1 && (value.has("output") || error) ? value.elements().next() : value;
        return new Part.ToolResult(callId, name, result.toString(), error);
    }

    private String answer(Optional<String> id, String name) {
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < calls.size(); i++) {
                Part.ToolCall call = calls.get(i);
                boolean matches = id.isPresent() ? call.id().equals(id.get()) : call.name().equals(name);
                if (matches && (pass == 1 || !answered.get(i))) {
                    answered.set(i, true);
                    return call.id();
                }
            }
        }
        return id.orElse("call_" + name);
    }
}
