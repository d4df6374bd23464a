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

    /**
     * Canonical usage as Gemini's {@code usageMetadata}: the counts Gemini reports, zero ones
     * left out as Gemini leaves them out; the total is the vendor's, or the sum when it gave none.
     */
    public static com.fasterxml.jackson.databind.node.ObjectNode toJson(Usage usage) {
        com.fasterxml.jackson.databind.node.ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("promptTokenCount", usage.promptTokens());
        out.put("candidatesTokenCount", usage.outputTokens());
        int total = usage.totalTokens() > 0 ? usage.totalTokens()
                : usage.promptTokens() + usage.toolPromptTokens() + usage.outputTokens() + usage.thoughtTokens();
        out.put("totalTokenCount", total);
        if (usage.cachedTokens() > 0) {
            out.put("cachedContentTokenCount", usage.cachedTokens());
        }
        if (usage.toolPromptTokens() > 0) {
            out.put("toolUsePromptTokenCount", usage.toolPromptTokens());
        }
        if (usage.thoughtTokens() > 0) {
            out.put("thoughtsTokenCount", usage.thoughtTokens());
        }
        return out;
    }

    public static Optional<Usage> fromResponse(byte[] json) {
        return fromResponse(json, 0, json.length);
    }
}
