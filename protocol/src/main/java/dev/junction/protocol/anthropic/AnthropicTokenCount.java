package dev.junction.protocol.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The answer of {@code POST /v1/messages/count_tokens}, {@code {"input_tokens": N}}, both ways. */
public final class AnthropicTokenCount {
    private AnthropicTokenCount() {}

    public static byte[] encode(int inputTokens) {
        return ("{\"input_tokens\":" + Math.max(0, inputTokens) + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** @throws GatewayException {@code UPSTREAM_ERROR} when the body holds no count */
    public static int decode(byte[] body) {
        try {
            JsonNode root = Json.MAPPER.readTree(body);
            if (root != null && root.path("input_tokens").canConvertToInt()) {
                return root.get("input_tokens").asInt();
            }
        } catch (IOException | RuntimeException e) {
            // garbage: below
        }
        throw new GatewayException(GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR,
                "the upstream's token count is not an Anthropic count"));
    }
}
