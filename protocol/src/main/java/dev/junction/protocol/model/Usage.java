package dev.junction.protocol.model;

/**
 * Token counts of one response, at Gemini's granularity.
 *
 * @param promptTokens input tokens, cached ones included
 * @param cachedTokens the part of {@code promptTokens} served from cache
 * @param toolPromptTokens input tokens of built-in tool use
 * @param outputTokens visible output tokens, thoughts excluded
 * @param thoughtTokens thinking tokens (billed as output)
 * @param totalTokens as the vendor reported it
 */
public record Usage(int promptTokens, int cachedTokens, int toolPromptTokens, int outputTokens, int thoughtTokens,
        int totalTokens) {

    public static final Usage ZERO = new Usage(0, 0, 0, 0, 0, 0);
}
