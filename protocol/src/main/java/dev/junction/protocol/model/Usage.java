package dev.junction.protocol.model;

/**
 * Token counts of one response, at the finest granularity any vendor reports.
 *
 * @param promptTokens input tokens, cached ones and cache writes included
 * @param cachedTokens the part of {@code promptTokens} served from cache (read)
 * @param toolPromptTokens input tokens of built-in tool use
 * @param outputTokens visible output tokens, thoughts excluded (all output, where the vendor
 *     does not count thoughts apart)
 * @param thoughtTokens thinking tokens (billed as output)
 * @param totalTokens as the vendor reported it (prompt + output where it reports no total)
 * @param cacheWriteTokens the part of {@code promptTokens} written to the vendor's prompt cache
 *     (Anthropic's {@code cache_creation_input_tokens}); 0 where the vendor has no such count
 */
public record Usage(int promptTokens, int cachedTokens, int toolPromptTokens, int outputTokens, int thoughtTokens,
        int totalTokens, int cacheWriteTokens) {

    public static final Usage ZERO = new Usage(0, 0, 0, 0, 0, 0, 0);

    /** Usage without cache writes (Gemini reports none). */
    public Usage(int promptTokens, int cachedTokens, int toolPromptTokens, int outputTokens, int thoughtTokens,
            int totalTokens) {
        this(promptTokens, cachedTokens, toolPromptTokens, outputTokens, thoughtTokens, totalTokens, 0);
    }
}
