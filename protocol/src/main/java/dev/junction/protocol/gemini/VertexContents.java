package dev.junction.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What Vertex AI insists on in a Gemini request that the Gemini API does not: every entry of
 * {@code contents} must carry its {@code role} ({@code user} or {@code model}); the Gemini API
 * takes a missing role as {@code user}, and Vertex answers 400 "Please use a valid role". A body
 * whose contents all have roles is returned as it came, byte for byte.
 */
public final class VertexContents {
    private VertexContents() {}

    public static byte[] withRoles(byte[] body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return body; // not JSON: Vertex will say so in its own words
        }
        JsonNode contents = root == null ? null : root.get("contents");
        if (contents == null || !contents.isArray()) {
            return body;
        }
        boolean changed = false;
        for (JsonNode content : contents) {
            if (content instanceof ObjectNode object && !object.path("role").isTextual()) {
                object.put("role", "user");
                changed = true;
            } else if (content instanceof ObjectNode object && object.path("role").asText().isEmpty()) {
                object.put("role", "user");
                changed = true;
            }
        }
        if (!changed) {
            return body;
        }
        try {
            return Json.MAPPER.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
