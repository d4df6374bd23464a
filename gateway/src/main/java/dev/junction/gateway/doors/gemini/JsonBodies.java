package dev.junction.gateway.doors.gemini;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import java.io.IOException;

/** Checks that a body relayed without decoding is one well-formed JSON object. */
final class JsonBodies {
    private JsonBodies() {}

    /**
     * Walks the whole body with the streaming parser (no tree: a 20 MB body of base64 media is
     * not copied into strings).
     *
     * @throws GatewayException {@code INVALID_REQUEST} naming where the JSON broke
     */
    static void requireObject(byte[] body) {
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw invalid("The request body must be a JSON object.");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw invalid("The request body has data after its JSON object.");
            }
        } catch (IOException e) {
            String detail = e.getMessage() == null ? "" : e.getMessage().split("\n", 2)[0];
            throw invalid("The request body is not valid JSON: " + detail);
        }
    }

    private static GatewayException invalid(String message) {
        return new GatewayException(GatewayError.invalid("body", message));
    }
}
