package dev.junction.protocol.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.Usage;

/**
 * Anthropic's {@code usage} object both ways. Anthropic counts input in three disjoint parts:
 * {@code input_tokens} (neither read from nor written to the prompt cache),
 * {@code cache_creation_input_tokens} and {@code cache_read_input_tokens}; Junction's prompt is
 * their sum, its cached tokens the reads and its cache writes the creations. Thinking is part of
 * {@code output_tokens} and not counted apart, so it stays in the output.
 */
public final class AnthropicUsage {
    private AnthropicUsage() {}

    public static Usage read(JsonNode usage) {
        int input = count(usage, "input_tokens");
        int written = count(usage, "cache_creation_input_tokens");
        int read = count(usage, "cache_read_input_tokens");
        int output = count(usage, "output_tokens");
        int prompt = input + written + read;
        return new Usage(prompt, read, 0, output, 0, prompt + output, written);
    }

    /** {@code usage} as Anthropic writes it: output is visible output and thoughts together. */
    public static ObjectNode write(Usage usage) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        int written = Math.max(0, usage.cacheWriteTokens());
        int read = Math.max(0, usage.cachedTokens());
        int prompt = usage.promptTokens() + Math.max(0, usage.toolPromptTokens());
        out.put("input_tokens", Math.max(0, prompt - read - written));
        out.put("cache_creation_input_tokens", written);
        out.put("cache_read_input_tokens", read);
        out.put("output_tokens", Math.max(0, usage.outputTokens()) + Math.max(0, usage.thoughtTokens()));
        return out;
    }

    private static int count(JsonNode usage, String key) {
        JsonNode value = usage.path(key);
        if (!value.canConvertToInt()) {
            return 0;
        }
        return Math.max(0, value.asInt());
    }
}
