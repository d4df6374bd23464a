package dev.junction.protocol.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.Usage;
import java.io.IOException;
import java.util.Optional;

/**
 * An OpenAI-compatible upstream's {@code usage} in Junction's terms. OpenAI counts reasoning
 * inside {@code completion_tokens} ({@code completion_tokens_details.reasoning_tokens}), Junction
 * apart, so the visible output is their difference. Cached prompt tokens are
 * {@code prompt_tokens_details.cached_tokens}, or DeepSeek's {@code prompt_cache_hit_tokens}.
 * Counts that are missing, negative or not numbers are 0; the total is the vendor's, or
 * prompt + completion when it gave none.
 */
public final class OpenAiUsage {
    private OpenAiUsage() {}

    public static Usage read(JsonNode usage) {
        int prompt = count(usage.path("prompt_tokens"));
        int completion = count(usage.path("completion_tokens"));
        int reasoning = Math.min(completion, count(usage.path("completion_tokens_details").path("reasoning_tokens")));
        JsonNode details = usage.path("prompt_tokens_details").path("cached_tokens");
        int cached = Math.min(prompt, details.isMissingNode() || details.isNull()
                ? count(usage.path("prompt_cache_hit_tokens")) : count(details));
        int total = usage.path("total_tokens").canConvertToInt() ? count(usage.path("total_tokens")) : prompt + completion;
        return new Usage(prompt, cached, 0, completion - reasoning, reasoning, total);
    }

    /**
     * The {@code usage} of a whole {@code chat.completion}, found without building a tree of the
     * rest (choices can be large). Empty when absent or not JSON.
     */
    public static Optional<Usage> fromResponse(byte[] json) {
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("usage".equals(name) && value == JsonToken.START_OBJECT) {
                    return Optional.of(read(Json.SUBTREE.readTree(parser)));
                }
                parser.skipChildren();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static int count(JsonNode value) {
        return value.canConvertToInt() ? Math.max(0, value.asInt()) : 0;
    }
}
