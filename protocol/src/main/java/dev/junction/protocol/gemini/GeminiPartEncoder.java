package dev.junction.protocol.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.Part;
import java.util.Optional;

/**
 * One canonical {@link Part} as a Gemini {@code Part}. A thought signature goes back on the very
 * part it came with, and parts are never merged (Google: "don't concatenate parts with
 * signatures together"). Empty text without a signature is left out, since Gemini rejects a
 * request with an empty text part; an empty text that carries a signature (Gemini 3's last
 * streamed part) is kept exactly as Gemini sent it.
 */
final class GeminiPartEncoder {
    private GeminiPartEncoder() {}

    static Optional<ObjectNode> encode(Part part) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        switch (part) {
            case Part.Text text -> {
                if (text.text().isEmpty() && text.signature().isEmpty()) {
                    return Optional.empty();
                }
                out.put("text", text.text());
                text.signature().ifPresent(s -> out.put("thoughtSignature", s));
            }
            case Part.Reasoning reasoning -> {
                out.put("text", reasoning.text());
                out.put("thought", true);
                reasoning.signature().ifPresent(s -> out.put("thoughtSignature", s));
            }
            case Part.Blob blob -> out.putObject("inlineData").put("mimeType", blob.mimeType()).put("data", blob.base64());
            case Part.FileRef file -> {
                ObjectNode data = out.putObject("fileData");
                file.mimeType().ifPresent(m -> data.put("mimeType", m));
                data.put("fileUri", file.uri());
            }
            case Part.ToolCall call -> {
                ObjectNode functionCall = out.putObject("functionCall");
                functionCall.put("name", call.name());
                functionCall.set("args", parse(call.argumentsJson()).filter(JsonNode::isObject)
                        .orElseGet(Json.MAPPER::createObjectNode));
                call.signature().ifPresent(s -> out.put("thoughtSignature", s));
            }
            case Part.ToolResult result -> {
                ObjectNode response = out.putObject("functionResponse");
                response.put("name", result.name());
                response.set("response", response(result.resultJson(), result.isError()));
            }
            case Part.RedactedReasoning redacted -> {
                return Optional.empty(); // another vendor's encrypted thinking means nothing to Gemini
            }
        }
        return Optional.of(out);
    }

    /**
     * Gemini wants an object: a JSON object result is sent as it is; anything else (a string, a
     * number, a list) goes under {@code output}, the key Google documents for function output.
     * A result the caller marked as an error goes under {@code error}, the key Google documents
     * for error details.
     */
    private static JsonNode response(String resultJson, boolean isError) {
        JsonNode value = parse(resultJson).orElseGet(() -> Json.MAPPER.getNodeFactory().textNode(resultJson));
        if (value.isObject() && !isError) {
            return value;
        }
        ObjectNode wrapped = Json.MAPPER.createObjectNode();
        wrapped.set(isError ? "error" : "output", value);
        return wrapped;
    }

    private static Optional<JsonNode> parse(String json) {
        try {
            return Optional.ofNullable(Json.MAPPER.readTree(json)).filter(n -> !n.isMissingNode());
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
