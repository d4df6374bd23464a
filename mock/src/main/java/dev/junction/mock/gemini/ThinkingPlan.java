package dev.junction.mock.gemini;

/**
 * Whether and how much the mock "thinks" for one request.
 *
 * @param thoughtTokens    {@code usageMetadata.thoughtsTokenCount} (0 when thinking is off)
 * @param includeThoughts  send thought-summary parts ({@code "thought": true}) before the answer
 */
record ThinkingPlan(int thoughtTokens, boolean includeThoughts) {
    static final ThinkingPlan OFF = new ThinkingPlan(0, false);

    boolean on() {
        return thoughtTokens > 0;
    }
}
