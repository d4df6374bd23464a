package dev.junction.gateway.pricing;

import dev.junction.protocol.model.Usage;
import java.util.Comparator;
import java.util.List;

/**
 * The price of one model (or a family, by pattern): base rates, and higher rates for long
 * prompts where Google tiers them (gemini-2.5-pro costs more above 200k prompt tokens; the whole
 * request is billed at the tier its prompt falls in).
 *
 * @param model an exact model name or a pattern such as {@code gemini-2.5-flash*}
 */
public record ModelPrice(String model, Rates base, List<Tier> tiers) {
    /** Rates that apply when the prompt has more than {@code abovePromptTokens} tokens. */
    public record Tier(long abovePromptTokens, Rates rates) {}

    public ModelPrice {
        tiers = tiers.stream().sorted(Comparator.comparingLong(Tier::abovePromptTokens)).toList();
    }

    public static ModelPrice flat(String model, Rates rates) {
        return new ModelPrice(model, rates, List.of());
    }

    public Rates ratesFor(long promptTokens) {
        Rates rates = base;
        for (Tier tier : tiers) {
            if (promptTokens > tier.abovePromptTokens()) {
                rates = tier.rates();
            }
        }
        return rates;
    }

    /**
     * What {@code usage} costs, in micro-dollars, rounded half up. Cached tokens are part of
     * {@code promptTokens} and are billed at the cached rate instead of the input rate.
     */
    public long cost(Usage usage) {
        long prompt = Math.max(0, usage.promptTokens());
        long cached = Math.min(prompt, Math.max(0, usage.cachedTokens()));
        Rates r = ratesFor(prompt);
        // tokens x (micro-dollars per million tokens) / 1e6; the sum stays far below 2^63 for
        // any real request (1e9 tokens x 1e9 micro-dollars would not).
        long scaled = (prompt - cached + Math.max(0, usage.toolPromptTokens())) * r.input()
                + cached * r.cachedInput()
                + Math.max(0, usage.outputTokens()) * r.output()
                + Math.max(0, usage.thoughtTokens()) * r.thought();
        return (scaled + 500_000) / 1_000_000;
    }
}
