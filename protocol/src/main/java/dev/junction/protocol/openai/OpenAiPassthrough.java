package dev.junction.protocol.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.GatewayException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An OpenAI Chat Completions request relayed to an OpenAI-compatible upstream as the client sent
 * it: every field survives, unknown ones included, in their order, and only what Junction must
 * change is rewritten:
 *
 * <ul>
 *   <li>{@code model} becomes the vendor's id (the alias resolved);
 *   <li>the fields of a literal {@code extra_body} object move to the top level, where the
 *       OpenAI SDKs put them themselves (Junction's own decoder reads both spellings alike, and a
 *       vendor would reject the literal key);
 *   <li>a stream asks for usage ({@code stream_options.include_usage: true}), so that Junction
 *       can meter it; whether the client asked is returned, so that the relay can take the extra
 *       usage chunk out again ({@link OpenAiPassthroughChunks}).
 * </ul>
 */
public final class OpenAiPassthrough {
    /** The body to send, and whether the client itself asked for a stream's usage chunk. */
    public record Rewritten(byte[] body, boolean stream, boolean clientWantsUsage) {}

    private OpenAiPassthrough() {}

    /**
     * @param body a request the door has already decoded (so a JSON object)
     * @throws GatewayException a 400 when it is not a JSON object after all
     */
    public static Rewritten rewrite(byte[] body, String model) {
        ObjectNode root;
        try {
            JsonNode tree = Json.MAPPER.readTree(body);
            if (tree == null || !tree.isObject()) {
                throw GatewayException.invalid("body", "The request body must be a JSON object.");
            }
            root = (ObjectNode) tree;
        } catch (IOException e) {
            throw GatewayException.invalid("body", "The request body is not valid JSON.");
        }
        JsonNode extra = root.remove("extra_body");
        if (extra != null && extra.isObject()) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(extra.properties());
            for (Map.Entry<String, JsonNode> field : fields) {
                if (!root.hasNonNull(field.getKey())) {
                    root.set(field.getKey(), field.getValue());
                }
            }
        }
        root.put("model", model);
        boolean stream = root.path("stream").asBoolean(false);
        boolean wantsUsage = stream && root.path("stream_options").path("include_usage").asBoolean(false);
        if (stream && !wantsUsage) {
            JsonNode options = root.path("stream_options");
            ObjectNode set = options.isObject() ? (ObjectNode) options : root.putObject("stream_options");
            set.put("include_usage", true);
        }
        try {
            return new Rewritten(Json.MAPPER.writeValueAsBytes(root), stream, wantsUsage);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
