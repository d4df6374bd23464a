package dev.junction.protocol.gemini;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.Usage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Looks at one event of a Gemini stream that is relayed unchanged: is it well-formed JSON, is it
 * an error, and what usage does it report. One pass of the streaming parser over the event, no
 * tree except for the small {@code usageMetadata} and {@code error} objects, because this runs
 * on every event of every native stream.
 */
public final class GeminiEventInspector {

    /** What an event holds. {@code error} is set for an error event and for malformed JSON. */
    public record Inspection(Optional<Usage> usage, Optional<GatewayError> error) {
        private static final Inspection PLAIN = new Inspection(Optional.empty(), Optional.empty());
    }

    private GeminiEventInspector() {}

    public static Inspection inspect(byte[] json) {
        Usage usage = null;
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return malformed(json);
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("usageMetadata".equals(name) && value == JsonToken.START_OBJECT) {
                    usage = GeminiUsage.fromJson(Json.SUBTREE.readTree(parser));
                } else if ("error".equals(name) && value == JsonToken.START_OBJECT) {
                    JsonNode error = Json.SUBTREE.readTree(parser);
                    int code = error.path("code").asInt(500);
                    return new Inspection(Optional.ofNullable(usage), Optional.of(GeminiErrors.decode(
                            code >= 400 && code < 600 ? code : 500,
                            Json.MAPPER.writeValueAsBytes(Json.MAPPER.createObjectNode().set("error", error)))));
                } else {
                    parser.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return malformed(json);
            }
        } catch (IOException | RuntimeException e) {
            return malformed(json);
        }
        return usage == null ? Inspection.PLAIN : new Inspection(Optional.of(usage), Optional.empty());
    }

    private static Inspection malformed(byte[] json) {
        String start = new String(json, 0, Math.min(json.length, 60), StandardCharsets.UTF_8);
        return new Inspection(Optional.empty(), Optional.of(GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR,
                "The upstream sent a malformed stream event (starting '" + start + "').")));
    }
}
