package dev.junction.protocol.openai.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.Usage;

/**
 * Token counts as the Responses API's {@code usage}. OpenAI counts reasoning as output, and
 * Gemini bills thoughts as output, so {@code output_tokens} = visible output + thoughts, with the
 * thoughts again in {@code output_tokens_details.reasoning_tokens}; {@code input_tokens} includes
 * the tool-use prompt, and its cached and cache-written parts are in {@code input_tokens_details};
 * {@code total_tokens} is always their sum, never copied.
 */
final class ResponsesUsage {
    private ResponsesUsage() {}

    static ObjectNode toJson(Usage usage) {
        long input = (long) usage.promptTokens() + usage.toolPromptTokens();
        long output = (long) usage.outputTokens() + usage.thoughtTokens();
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("input_tokens", input);
        out.putObject("input_tokens_details").put("cached_tokens", usage.cachedTokens())
                .put("cache_write_tokens", usage.cacheWriteTokens());
        out.put("output_tokens", output);
        out.putObject("output_tokens_details").put("reasoning_tokens", usage.thoughtTokens());
        out.put("total_tokens", input + output);
        return out;
    }
}
