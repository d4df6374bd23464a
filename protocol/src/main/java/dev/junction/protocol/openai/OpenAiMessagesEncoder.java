package dev.junction.protocol.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.GatewayException;
import dev.junction.protocol.model.Message;
import dev.junction.protocol.model.Part;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The canonical conversation as OpenAI Chat Completions {@code messages}.
 *
 * <ul>
 *   <li>System parts become one {@code system} message, their texts joined by a blank line.
 *   <li>A user turn is a string when it is one text, else an array of content parts: text;
 *       images as {@code image_url} (a {@code data:} URL, or the http(s) URL itself); wav and mp3
 *       audio as {@code input_audio}; any other file as {@code file} with a {@code data:} URL.
 *   <li>An assistant turn joins its text into {@code content} ({@code null} when it only calls
 *       tools) and lists its {@code tool_calls}; its thoughts are not sent back (OpenAI-compatible
 *       vendors do not take them, DeepSeek rejects {@code reasoning_content} in input).
 *   <li>Each tool result is a {@code tool} message naming its call; a result that is a JSON
 *       string is sent as its text, any other JSON as the JSON text.
 * </ul>
 */
final class OpenAiMessagesEncoder {
    private static final Map<String, String> AUDIO_FORMATS = Map.of(
            "audio/wav", "wav", "audio/x-wav", "wav", "audio/wave", "wav", "audio/mpeg", "mp3", "audio/mp3", "mp3");

    private OpenAiMessagesEncoder() {}

    static ArrayNode encode(List<Part> system, List<Message> messages) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        if (!system.isEmpty()) {
            StringBuilder text = new StringBuilder();
            for (Part part : system) {
                if (!(part instanceof Part.Text t)) {
                    throw GatewayException.invalid("system", "System instructions for this model must be text.");
                }
                if (!t.text().isEmpty()) {
                    text.append(text.isEmpty() ? "" : "\n\n").append(t.text());
                }
            }
            if (!text.isEmpty()) {
                out.addObject().put("role", "system").put("content", text.toString());
            }
        }
        for (int m = 0; m < messages.size(); m++) {
            Message message = messages.get(m);
            switch (message.role()) {
                case SYSTEM -> out.addObject().put("role", "system").put("content", userText(message, m));
                case USER -> out.add(user(message, m));
                case ASSISTANT -> out.add(assistant(message));
                case TOOL -> tool(message, m, out);
            }
        }
        return out;
    }

    private static String userText(Message message, int m) {
        StringBuilder text = new StringBuilder();
        for (Part part : message.parts()) {
            if (!(part instanceof Part.Text t)) {
                throw GatewayException.invalid("messages[" + m + "]", "System instructions for this model must be text.");
            }
            text.append(t.text());
        }
        return text.toString();
    }

    private static ObjectNode user(Message message, int m) {
        ObjectNode out = Json.MAPPER.createObjectNode().put("role", "user");
        List<Part> parts = message.parts();
        if (parts.size() == 1 && parts.get(0) instanceof Part.Text t) {
            return out.put("content", t.text());
        }
        ArrayNode content = out.putArray("content");
        for (Part part : parts) {
            switch (part) {
                case Part.Text t -> content.addObject().put("type", "text").put("text", t.text());
                case Part.Blob b -> content.add(blob(b));
                case Part.FileRef f -> content.add(url(f, m));
                case Part.ToolResult r -> throw GatewayException.invalid("messages[" + m + "]",
                        "A tool result must answer a tool call of the assistant turn before it.");
                case Part.ToolCall c -> throw GatewayException.invalid("messages[" + m + "]",
                        "Only the model's turns may hold tool calls.");
                case Part.Reasoning r -> { } // thoughts are the model's, never the user's
                case Part.RedactedReasoning r -> { }
            }
        }
        return out;
    }

    private static ObjectNode blob(Part.Blob blob) {
        String mime = blob.mimeType().toLowerCase(Locale.ROOT);
        ObjectNode part = Json.MAPPER.createObjectNode();
        if (mime.startsWith("image/")) {
            part.put("type", "image_url").putObject("image_url").put("url", dataUrl(blob));
        } else if (AUDIO_FORMATS.containsKey(mime)) {
            part.put("type", "input_audio").putObject("input_audio").put("data", blob.base64())
                    .put("format", AUDIO_FORMATS.get(mime));
        } else {
            String extension = MediaTypes.extension(mime).orElse("bin");
            part.put("type", "file").putObject("file").put("filename", "file." + extension)
                    .put("file_data", dataUrl(blob));
        }
        return part;
    }

    private static ObjectNode url(Part.FileRef file, int m) {
        String uri = file.uri();
        if (!uri.startsWith("https://") && !uri.startsWith("http://")) {
            throw GatewayException.invalid(file.source().orElse("messages[" + m + "].content"),
                    "This model reads media inline or by http(s) URL, not " + Json.brief(uri) + ".");
        }
        ObjectNode part = Json.MAPPER.createObjectNode();
        part.put("type", "image_url").putObject("image_url").put("url", uri);
        return part;
    }

    private static String dataUrl(Part.Blob blob) {
        return "data:" + blob.mimeType() + ";base64," + blob.base64();
    }

    private static ObjectNode assistant(Message message) {
        StringBuilder text = new StringBuilder();
        ArrayNode calls = Json.MAPPER.createArrayNode();
        for (Part part : message.parts()) {
            switch (part) {
                case Part.Text t -> text.append(t.text());
                case Part.ToolCall call -> {
                    ObjectNode c = calls.addObject();
                    c.put("id", call.id()).put("type", "function");
                    c.putObject("function").put("name", call.name()).put("arguments", call.argumentsJson());
                }
                default -> { } // thoughts, media and results have no place in an assistant message here
            }
        }
        ObjectNode out = Json.MAPPER.createObjectNode().put("role", "assistant");
        if (text.isEmpty() && !calls.isEmpty()) {
            out.putNull("content");
        } else {
            out.put("content", text.toString());
        }
        if (!calls.isEmpty()) {
            out.set("tool_calls", calls);
        }
        return out;
    }

    private static void tool(Message message, int m, ArrayNode out) {
        for (Part part : message.parts()) {
            if (part instanceof Part.ToolResult result) {
                out.addObject().put("role", "tool").put("tool_call_id", result.callId())
                        .put("content", resultText(result.resultJson()));
            } else if (part instanceof Part.Text t) {
                out.addObject().put("role", "user").put("content", t.text());
            } else {
                throw GatewayException.invalid("messages[" + m + "]", "A tool turn holds tool results only.");
            }
        }
    }

    private static String resultText(String resultJson) {
        return parse(resultJson).filter(JsonNode::isTextual).map(JsonNode::textValue).orElse(resultJson);
    }

    private static Optional<JsonNode> parse(String json) {
        try {
            return Optional.ofNullable(Json.MAPPER.readTree(json)).filter(n -> !n.isMissingNode());
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
