package dev.junction.protocol.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import java.io.IOException;

/** A request body of OpenAI's API read as one JSON object, or a 400 worded as OpenAI words it. */
public final class OpenAiBodies {
    private OpenAiBodies() {}

    public static JsonNode object(byte[] body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new GatewayException(GatewayError.of(GatewayError.Kind.INVALID_REQUEST,
                    "We could not parse the JSON body of your request: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new GatewayException(GatewayError.of(GatewayError.Kind.INVALID_REQUEST,
                    "We could not read the body of your request."), e);
        }
        if (root == null || !root.isObject()) {
            throw new GatewayException(GatewayError.of(GatewayError.Kind.INVALID_REQUEST,
                    "The request body must be a JSON object."));
        }
        return root;
    }
}
