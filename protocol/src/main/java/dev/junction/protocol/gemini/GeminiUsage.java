package dev.junction.protocol.gemini;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.Usage;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads Gemini's {@code usageMetadata}. In a stream every event repeats it cumulatively, so the
 * last event's copy holds the totals.
 */
public final class GeminiUsage {

    private GeminiUsage() {}

    public static Usage fromJson(JsonNode usage) {
        return new Usage(
                usage.path("promptTokenCount").asInt(0),
                usage.path("cachedContentTokenCount").asInt(0),
                usage.path("toolUsePromptTokenCount").asInt(0),
                usage.path("candidatesTokenCount").asInt(0),
                usage.path("thoughtsTokenCount").asInt(0),
                usage.path("totalTokenCount").asInt(0));
    }

    /**
     * Finds {@code usageMetadata} at the top level of a {@code GenerateContentResponse} without
     * building a tree of the rest (candidates can be large). Empty when absent or not JSON.
     */
    public static Optional<Usage> fromResponse(byte[] json, int offset, int length) {
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(json, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("usageMetadata".equals(name) && value == JsonToken.START_OBJECT) {
                    return Optional.of(fromJson(Json.SUBTREE.readTree(parser)));
                }
                parser.skipChildren();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    public static Optional<Usage> fromResponse(byte[] json) {
        return fromResponse(json, 0, json.length);
    }
}
