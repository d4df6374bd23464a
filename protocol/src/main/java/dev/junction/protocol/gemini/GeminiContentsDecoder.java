package dev.junction.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.JsonField;
import dev.junction.protocol.model.Message;
import dev.junction.protocol.model.Part;
import dev.junction.protocol.model.Role;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Gemini {@code contents} as the canonical conversation. One instance per request: it pairs
 * each {@code functionResponse} with the {@code functionCall} it answers.
 *
 * <ul>
 *   <li>{@code user} (or absent, or the old {@code function}) turns are user messages, their
 *       {@code functionResponse} parts tool results; {@code model} turns are assistant messages.
 *   <li>Parts: {@code text}; {@code thought} text as the model's thoughts, consecutive thought
 *       parts joined into one (a stream hands them out in pieces) until one carries a
 *       {@code thoughtSignature}, which seals them; a signature on any other part stays on it;
 *       {@code inlineData} as inline media, {@code fileData} as media by reference;
 *       {@code functionCall} and {@code functionResponse}.
 *   <li>A {@code functionResponse} names its call by {@code id} (Junction hands every call it
 *       returns an id), or else by name: the first unanswered call of that name in the model
 *       turn before it. A call without an id is given {@code call_<content>_<part>}. A response
 *       that answers no call is a 400: other vendors refuse such a conversation.
 *   <li>Google's {@code response} object is the tool result as JSON; one with an {@code error}
 *       key and no {@code output} key is an error result, as Google documents those keys.
 *   <li>What only Gemini can do is a 400 naming the part: {@code executableCode} and
 *       {@code codeExecutionResult}, {@code videoMetadata}, function responses with parts.
 * </ul>
 */
final class GeminiContentsDecoder {
    private static final Set<String> CONTENT_FIELDS = Set.of("role", "parts");
    private static final Set<String> PART_FIELDS = Set.of("text", "thought", "thoughtSignature", "inlineData",
            "fileData", "functionCall", "functionResponse", "executableCode", "codeExecutionResult", "videoMetadata",
            "mediaResolution", "partMetadata");
    private static final List<String> DATA_FIELDS = List.of("text", "inlineData", "fileData", "functionCall",
            "functionResponse", "executableCode", "codeExecutionResult");
    private static final Set<String> BLOB_FIELDS = Set.of("mimeType", "data", "displayName");
    private static final Set<String> FILE_FIELDS = Set.of("mimeType", "fileUri", "displayName");
    private static final Set<String> CALL_FIELDS = Set.of("id", "name", "args", "partialArgs", "willContinue");
    private static final Set<String> RESPONSE_FIELDS = Set.of("id", "name", "response", "parts", "willContinue",
            "scheduling");

    /** The calls of the latest model turn that no response has answered yet. */
    private final List<Part.ToolCall> pending = new ArrayList<>();
    private final Set<String> callIds = new HashSet<>();

    /** The conversation; {@code field} is {@code contents}. */
    List<Message> decode(JsonField field) {
        if (field.isAbsent() || field.elements().isEmpty()) {
            throw field.invalid("* GenerateContentRequest.contents: contents is not specified");
        }
        List<Message> out = new ArrayList<>();
        List<JsonField> contents = field.elements();
        for (int c = 0; c < contents.size(); c++) {
            JsonField content = contents.get(c);
            GeminiFields.allowOnly(content, CONTENT_FIELDS);
            JsonField roleField = GeminiFields.get(content, "role");
            String role = roleField.optString().orElse("user");
            List<JsonField> parts = parts(content);
            switch (role) {
                case "user", "function", "" -> user(parts, out);
                case "model" -> out.add(new Message(Role.ASSISTANT, model(parts, c)));
                default -> throw roleField.invalid("Please use a valid role: user, model.");
            }
        }
        return out;
    }

    /** System instructions: the parts of one content (its role, if any, is ignored, as Google does). */
    List<Part> system(JsonField field) {
        if (field.isAbsent()) {
            return List.of();
        }
        if (field.node().isTextual()) {
            return List.of(Part.Text.of(field.string()));
        }
        GeminiFields.allowOnly(field, CONTENT_FIELDS);
        GeminiFields.get(field, "role").optString();
        List<Part> out = new ArrayList<>();
        for (JsonField part : parts(field)) {
            String kind = kind(part);
            if (!kind.equals("text")) {
                throw part.field(kind).invalid(part.path() + ": system instructions here are text, not " + kind + ".");
            }
            out.add(Part.Text.of(GeminiFields.get(part, "text").string()));
        }
        return out;
    }

    private static List<JsonField> parts(JsonField content) {
        JsonField parts = GeminiFields.get(content, "parts");
        if (parts.isAbsent() || (parts.node().isArray() && parts.node().isEmpty())) {
            throw parts.invalid("* GenerateContentRequest." + parts.path() + ": contents.parts must not be empty.");
        }
        List<JsonField> out = parts.elements();
        for (JsonField part : out) {
            GeminiFields.allowOnly(part, PART_FIELDS);
            refuseGeminiOnly(part);
        }
        return out;
    }

    private void user(List<JsonField> parts, List<Message> out) {
        List<Part> pendingUser = new ArrayList<>();
        for (JsonField part : parts) {
            String kind = kind(part);
            switch (kind) {
                case "functionResponse" -> {
                    if (!pendingUser.isEmpty()) {
                        out.add(new Message(Role.USER, pendingUser));
                        pendingUser = new ArrayList<>();
                    }
                    out.add(new Message(Role.TOOL, List.of(functionResponse(GeminiFields.get(part, kind)))));
                }
                case "functionCall" -> throw part.field(kind).invalid(part.path()
                        + ": a functionCall belongs in a content with role 'model'.");
                default -> pendingUser.add(media(part, kind));
            }
        }
        if (!pendingUser.isEmpty()) {
            out.add(new Message(Role.USER, pendingUser));
        }
    }

    private List<Part> model(List<JsonField> parts, int content) {
        pending.clear();
        List<Part> out = new ArrayList<>();
        StringBuilder thought = null;
        for (int p = 0; p < parts.size(); p++) {
            JsonField part = parts.get(p);
            String kind = kind(part);
            Optional<String> signature = signature(part);
            boolean isThought = GeminiFields.get(part, "thought").optBool().orElse(false);
            if (isThought && kind.equals("text")) {
                thought = thought == null ? new StringBuilder() : thought;
                thought.append(GeminiFields.get(part, "text").string());
                if (signature.isPresent()) {
                    out.add(new Part.Reasoning(thought.toString(), signature));
                    thought = null;
                }
                continue;
            }
            if (thought != null) {
                out.add(new Part.Reasoning(thought.toString(), Optional.empty()));
                thought = null;
            }
            switch (kind) {
                case "functionCall" -> {
                    Part.ToolCall call = functionCall(GeminiFields.get(part, kind), signature, content, p);
                    pending.add(call);
                    callIds.add(call.id());
                    out.add(call);
                }
                case "functionResponse" -> throw part.field(kind).invalid(part.path()
                        + ": a functionResponse belongs in a content with role 'user'.");
                case "text" -> out.add(new Part.Text(GeminiFields.get(part, "text").string(), signature));
                default -> out.add(media(part, kind));
            }
        }
        if (thought != null) {
            out.add(new Part.Reasoning(thought.toString(), Optional.empty()));
        }
        return out;
    }

    /** The part's {@code thoughtSignature}, as the vendor that made it wrote it ({@link ForeignSignatures}). */
    private static Optional<String> signature(JsonField part) {
        return GeminiFields.get(part, "thoughtSignature").optString().map(ForeignSignatures::fromWire);
    }

    private static Part media(JsonField part, String kind) {
        return switch (kind) {
            case "text" -> new Part.Text(GeminiFields.get(part, "text").string(), signature(part));
            case "inlineData" -> {
                JsonField blob = GeminiFields.get(part, kind);
                GeminiFields.allowOnly(blob, BLOB_FIELDS);
                GeminiFields.get(blob, "displayName").optString();
                String mime = required(GeminiFields.get(blob, "mimeType")).string();
                yield new Part.Blob(mime, base64(required(GeminiFields.get(blob, "data"))));
            }
            case "fileData" -> {
                JsonField file = GeminiFields.get(part, kind);
                GeminiFields.allowOnly(file, FILE_FIELDS);
                GeminiFields.get(file, "displayName").optString();
                JsonField uri = required(GeminiFields.get(file, "fileUri"));
                if (uri.string().isBlank()) {
                    throw uri.invalid(uri.path() + " must not be empty.");
                }
                yield new Part.FileRef(GeminiFields.get(file, "mimeType").optString(), uri.string(),
                        Optional.of(uri.path()));
            }
            default -> throw new IllegalStateException(kind);
        };
    }

    private static Part.ToolCall functionCall(JsonField call, Optional<String> signature, int content, int part) {
        GeminiFields.allowOnly(call, CALL_FIELDS);
        String name = required(GeminiFields.get(call, "name")).string();
        if (name.isBlank()) {
            throw GeminiFields.get(call, "name").invalid(call.path() + ".name must not be empty.");
        }
        JsonField args = GeminiFields.get(call, "args");
        String arguments = args.isAbsent() ? "{}" : args.object().toString();
        String id = GeminiFields.get(call, "id").optString().filter(s -> !s.isBlank())
                .orElse("call_" + content + "_" + part);
        return new Part.ToolCall(id, name, arguments, signature);
    }

    private Part.ToolResult functionResponse(JsonField response) {
        GeminiFields.allowOnly(response, RESPONSE_FIELDS);
        JsonField parts = GeminiFields.get(response, "parts");
        if (parts.isPresent() && !parts.elements().isEmpty()) {
            throw parts.invalid(parts.path() + ": function responses with parts are relayed to Gemini models only.");
        }
        GeminiFields.get(response, "willContinue").optBool();
        GeminiFields.get(response, "scheduling").optString();
        String name = required(GeminiFields.get(response, "name")).string();
        Optional<String> id = GeminiFields.get(response, "id").optString().filter(s -> !s.isBlank());
        Part.ToolCall call = answered(response, name, id);
        JsonField result = GeminiFields.get(response, "response");
        JsonNode value = result.isAbsent() ? Json.MAPPER.createObjectNode() : result.object();
        boolean isError = value.has("error") && !value.has("output");
        return new Part.ToolResult(call.id(), call.name(), value.toString(), isError);
    }

    private Part.ToolCall answered(JsonField response, String name, Optional<String> id) {
        for (int i = 0; i < pending.size(); i++) {
            Part.ToolCall call = pending.get(i);
            if (id.isPresent() ? call.id().equals(id.get()) : call.name().equals(name)) {
                pending.remove(i);
                return call;
            }
        }
        if (id.isPresent() && callIds.contains(id.get())) {
            throw GeminiFields.get(response, "id").invalid(response.path() + ": the functionCall '"
                    + Json.brief(id.get()) + "' was answered already, or not in the model turn just before.");
        }
        String what = id.map(i -> "id '" + Json.brief(i) + "'").orElse("name '" + Json.brief(name) + "'");
        throw response.invalid(response.path() + ": no functionCall with " + what
                + " in the model turn before it is left to answer.");
    }

    /** Which one of a part's data fields it holds (exactly one). */
    private static String kind(JsonField part) {
        String kind = null;
        for (String name : DATA_FIELDS) {
            if (GeminiFields.get(part, name).isPresent()) {
                if (kind != null) {
                    throw part.invalid(part.path() + ": a part holds exactly one of text, inlineData, fileData, "
                            + "functionCall or functionResponse; this one has " + kind + " and " + name + ".");
                }
                kind = name;
            }
        }
        if (kind == null) {
            throw part.invalid(part.path() + ": the part holds no data (text, inlineData, fileData, functionCall "
                    + "or functionResponse).");
        }
        return kind;
    }

    private static void refuseGeminiOnly(JsonField part) {
        for (String name : List.of("executableCode", "codeExecutionResult", "videoMetadata")) {
            JsonField field = GeminiFields.get(part, name);
            if (field.isPresent()) {
                throw field.invalid(field.path() + ": " + name + " parts are relayed to Gemini models only.");
            }
        }
        GeminiFields.get(part, "thought").optBool();
        GeminiFields.get(part, "thoughtSignature").optString();
    }

    private static String base64(JsonField data) {
        String value = data.string();
        if (value.isEmpty()) {
            throw data.invalid(data.path() + " must not be empty.");
        }
        try {
            // the first characters tell base64 (plain or URL-safe) from anything else without decoding it all
            String head = value.substring(0, Math.min(value.length(), 64) / 4 * 4).replace('-', '+').replace('_', '/');
            Base64.getDecoder().decode(head);
        } catch (IllegalArgumentException e) {
            throw data.invalid("Invalid value at '" + data.path() + "' (TYPE_BYTES), Base64 decoding failed.");
        }
        return value;
    }

    private static JsonField required(JsonField field) {
        if (field.isAbsent()) {
            throw field.invalid("* GenerateContentRequest." + field.path() + ": field is required.");
        }
        return field;
    }
}
