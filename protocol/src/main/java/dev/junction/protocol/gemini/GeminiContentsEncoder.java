package dev.junction.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.Message;
import dev.junction.protocol.model.Part;
import dev.junction.protocol.model.Role;
import java.util.List;
import java.util.Optional;

/**
 * The conversation as Gemini {@code contents}: user and tool messages are {@code user} turns,
 * assistant messages {@code model} turns. Adjacent turns of the same role are merged into one
 * content, which is what puts the results of parallel calls into ONE {@code user} content after
 * the ONE {@code model} content that made them, as Gemini requires; two model turns are merged
 * only when neither carries a thought signature, so that a signature never moves away from the
 * step it belongs to. Messages that end up with no parts are left out.
 */
final class GeminiContentsEncoder {
    private GeminiContentsEncoder() {}

    /** Encodes {@code messages}; system messages among them are added to {@code system}. */
    static ArrayNode encode(List<Message> messages, List<Part> system) {
        ArrayNode contents = Json.MAPPER.createArrayNode();
        for (Message message : messages) {
            if (message.role() == Role.SYSTEM) {
                system.addAll(message.parts());
                continue;
            }
            ArrayNode parts = parts(message.parts());
            if (parts.isEmpty()) {
                continue;
            }
            String role = message.role() == Role.ASSISTANT ? "model" : "user";
            Optional<ObjectNode> previous = last(contents).filter(c -> c.path("role").asText().equals(role));
            if (previous.isPresent() && (role.equals("user") || !(hasSignature(previous.get()) || hasSignature(parts)))) {
                ((ArrayNode) previous.get().get("parts")).addAll(parts);
            } else {
                ObjectNode content = contents.addObject();
                content.put("role", role);
                content.set("parts", parts);
            }
        }
        return contents;
    }

    /** {@code {"parts": [...]}} for system instructions; empty when there is nothing to say. */
    static Optional<ObjectNode> systemInstruction(List<Part> system) {
        ArrayNode parts = parts(system);
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode instruction = Json.MAPPER.createObjectNode();
        instruction.set("parts", parts);
        return Optional.of(instruction);
    }

    private static ArrayNode parts(List<Part> parts) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Part part : parts) {
            GeminiPartEncoder.encode(part).ifPresent(out::add);
        }
        return out;
    }

    private static Optional<ObjectNode> last(ArrayNode contents) {
        return contents.isEmpty() ? Optional.empty() : Optional.of((ObjectNode) contents.get(contents.size() - 1));
    }

    private static boolean hasSignature(ObjectNode content) {
        return hasSignature((ArrayNode) content.get("parts"));
    }

    private static boolean hasSignature(ArrayNode parts) {
        for (JsonNode part : parts) {
            if (part.has("thoughtSignature")) {
                return true;
            }
        }
        return false;
    }
}
