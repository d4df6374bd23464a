package dev.junction.protocol.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.Part;
import java.util.Optional;

/**
 * One canonical answer part as a part of a Gemini {@code GenerateContentResponse}, for whole and
 * streamed answers alike: text as {@code text}, thoughts as {@code text} with
 * {@code thought: true} (only when the caller asked for thoughts), calls as {@code functionCall}
 * with the vendor's call id, so that the caller's {@code functionResponse} can name it; a
 * signature rides on its part as {@code thoughtSignature} ({@link ForeignSignatures}), to come
 * back with it. Encrypted
 * thinking, which a Gemini caller has no part for, is left out.
 */
final class GeminiAnswerParts {
    private GeminiAnswerParts() {}

    static Optional<ObjectNode> encode(Part part, boolean includeThoughts) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        switch (part) {
            case Part.Text text -> {
                Optional<String> signature = text.signature().filter(s -> !s.isEmpty());
                if (text.text().isEmpty() && signature.isEmpty()) {
                    return Optional.empty();
                }
                out.put("text", text.text());
                signature.ifPresent(s -> out.put("thoughtSignature", ForeignSignatures.toWire(s)));
            }
            case Part.Reasoning reasoning -> {
                if (!includeThoughts) {
                    return Optional.empty();
                }
                out.put("text", reasoning.text());
                out.put("thought", true);
                reasoning.signature().filter(s -> !s.isEmpty()).ifPresent(s -> out.put("thoughtSignature",
                        ForeignSignatures.toWire(s)));
            }
            case Part.ToolCall call -> {
                out.set("functionCall", functionCall(call));
                call.signature().filter(s -> !s.isEmpty()).ifPresent(s -> out.put("thoughtSignature",
                        ForeignSignatures.toWire(s)));
            }
            case Part.Blob blob -> out.putObject("inlineData").put("mimeType", blob.mimeType())
                    .put("data", blob.base64());
            case Part.FileRef file -> {
                ObjectNode data = out.putObject("fileData");
                file.mimeType().ifPresent(m -> data.put("mimeType", m));
                data.put("fileUri", file.uri());
            }
            case Part.RedactedReasoning redacted -> {
                return Optional.empty();
            }
            case Part.ToolResult result -> {
                return Optional.empty(); // never in an answer
            }
        }
        return Optional.of(out);
    }

    static ObjectNode functionCall(Part.ToolCall call) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("id", call.id());
        out.put("name", call.name());
        out.set("args", args(call.argumentsJson()));
        return out;
    }

    private static JsonNode args(String json) {
        try {
            JsonNode parsed = Json.MAPPER.readTree(json);
            if (parsed != null && parsed.isObject()) {
                return parsed;
            }
        } catch (JsonProcessingException | RuntimeException e) {
            // not an object: no arguments
        }
        return Json.MAPPER.createObjectNode();
    }
}
