package dev.junction.protocol.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.ChatRequest;
import dev.junction.protocol.model.GatewayException;
import dev.junction.protocol.model.Part;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Encodes a {@link ChatRequest} as a Gemini {@code GenerateContentRequest} (PROTOCOLS §5.1,
 * §5.2). The model name is not part of the body: it goes in the URL, which is the caller's.
 *
 * <p>The caller passes the {@link ThinkingCapability} of the upstream model (from
 * {@link ThinkingCapabilities#resolve}); it decides the thinking settings and whether missing
 * thought signatures of the current turn get {@link GeminiThoughtSignatures#BYPASS}. The caller
 * is expected to have restored signatures it knows (its signature store) onto the
 * {@link Part.ToolCall}s before calling.
 *
 * <p>Vendor options: {@code cached_content} becomes {@code cachedContent};
 * {@code safety_settings} becomes {@code safetySettings}, keys inside turned to camelCase.
 * Function call and response ids are not sent: Gemini API responses carry none, and the ids a
 * client holds were made up by Junction.
 */
public final class GeminiRequestEncoder {

    private GeminiRequestEncoder() {}

    /**
     * @throws GatewayException a 400 naming the tool when a tool's schema cannot be converted
     *     (a non-local {@code $ref}, or too large once inlined)
     */
    public static byte[] encode(ChatRequest request, ThinkingCapability capability) {
        try {
            return Json.MAPPER.writeValueAsBytes(toJson(request, capability));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request as a tree, for callers that adjust it further and for tests. */
    public static ObjectNode toJson(ChatRequest request, ThinkingCapability capability) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        List<Part> system = new ArrayList<>(request.system());
        ArrayNode contents = GeminiContentsEncoder.encode(request.messages(), system);
        if (capability.requiresSignatures()) {
            GeminiThoughtSignatures.fillCurrentTurn(contents);
        }
        GeminiContentsEncoder.systemInstruction(system).ifPresent(s -> out.set("systemInstruction", s));
        out.set("contents", contents);
        GeminiToolsEncoder.encode(request, out);
        request.vendorOptions().ifPresent(vendor -> {
            if (vendor.has("safety_settings")) {
                out.set("safetySettings", camelCase(vendor.get("safety_settings")));
            }
        });
        GeminiGenerationConfigEncoder.encode(request, capability).ifPresent(c -> out.set("generationConfig", c));
        request.vendorOptions().ifPresent(vendor -> {
            if (vendor.has("cached_content")) {
                out.set("cachedContent", vendor.get("cached_content").deepCopy());
            }
        });
        return out;
    }

    private static JsonNode camelCase(JsonNode node) {
        if (node.isArray()) {
            ArrayNode out = Json.MAPPER.createArrayNode();
            node.forEach(element -> out.add(camelCase(element)));
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = Json.MAPPER.createObjectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                out.set(camelCase(field.getKey()), camelCase(field.getValue()));
            }
            return out;
        }
        return node.deepCopy();
    }

    private static String camelCase(String snake) {
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }
}
