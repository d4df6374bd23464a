package dev.junction.protocol.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.Usage;

/**
 * Gemini's token counts as OpenAI's {@code usage} (PROTOCOLS §5.6). OpenAI counts reasoning as
 * completion, and Gemini bills thoughts as output, so:
 * <ul>
 * <li>{@code prompt_tokens} = prompt + tool-use prompt;</li>
 * <li>{@code completion_tokens} = visible output + thoughts;</li>
 * <li>{@code total_tokens} = {@code prompt_tokens + completion_tokens}, always computed, never
 *     copied: clients check that the parts add up, and a vendor total that disagrees (a stream
 *     cut before the final counts, a future field Junction does not know) would break that;</li>
 * <li>{@code prompt_tokens_details.cached_tokens} = cached content (already inside the prompt);</li>
 * <li>{@code completion_tokens_details.reasoning_tokens} = thoughts.</li>
 * </ul>
 * Numbers therefore differ from Google's own OpenAI endpoint, which leaves thoughts out of
 * {@code completion_tokens} but in {@code total_tokens}.
 */
final class OpenAiUsageEncoder {
    private OpenAiUsageEncoder() {}

    static ObjectNode toJson(Usage usage) {
        long prompt = (long) usage.promptTokens() + usage.toolPromptTokens();
        long completion = (long) usage.outputTokens() + usage.thoughtTokens();
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("prompt_tokens", prompt);
        out.put("completion_tokens", completion);
        out.put("total_tokens", prompt + completion);
        out.putObject("prompt_tokens_details").put("cached_tokens", usage.cachedTokens());
        out.putObject("completion_tokens_details").put("reasoning_tokens", usage.thoughtTokens());
        return out;
    }
}
