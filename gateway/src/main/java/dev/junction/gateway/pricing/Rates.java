package dev.junction.gateway.pricing;

/**
 * What a million tokens of each kind cost, in micro-dollars (millionths of a US dollar), so that
 * every price Google publishes ($0.075, $1.25...) is a whole number and cost arithmetic stays in
 * integers.
 *
 * @param input uncached prompt tokens (tool-use prompt tokens are billed as input too)
 * @param output visible output tokens
 * @param cachedInput prompt tokens served from Gemini's context cache
 * @param thought thinking tokens (Gemini bills them at the output price)
 */
public record Rates(long input, long output, long cachedInput, long thought) {
    public Rates {
        if (input < 0 || output < 0 || cachedInput < 0 || thought < 0) {
            throw new IllegalArgumentException("prices cannot be negative");
        }
    }
}
