package dev.junction.protocol.anthropic;

import dev.junction.protocol.model.GatewayException;
import dev.junction.protocol.model.ReasoningConfig;
import dev.junction.protocol.model.ReasoningEffort;
import dev.junction.protocol.model.ThinkingLevel;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How much Claude may think, from what the caller asked: Anthropic's extended thinking is a
 * token budget ({@code thinking: {type: enabled, budget_tokens}}) of at least
 * {@value #MIN_BUDGET} tokens and below {@code max_tokens}, which counts thinking and answer
 * together.
 *
 * <ul>
 *   <li>{@code reasoning_effort} (and Gemini's thinking levels) take the budgets Junction uses for
 *       Gemini 2.5: minimal and low 1024, medium 8192, high 24576; none thinks not at all.
 *   <li>A budget is taken as given, raised to the minimum when below it; 0 turns thinking off,
 *       and Gemini's -1 ("dynamic") is the medium budget.
 *   <li>Without {@code max_tokens}, Junction asks for the budget plus
 *       {@value AnthropicRequestEncoder#DEFAULT_MAX_TOKENS} answer tokens; with it, a budget that
 *       does not fit below it is lowered to {@code max_tokens - 1}, and a {@code max_tokens} of
 *       {@value #MIN_BUDGET} or less leaves no room to think at all (a 400).
 * </ul>
 */
public final class AnthropicThinking {
    public static final int MIN_BUDGET = 1024;
    static final int MEDIUM_BUDGET = 8192;
    static final int HIGH_BUDGET = 24576;

    private AnthropicThinking() {}

    /** The thinking budget asked for; empty for no thinking. */
    public static OptionalInt budget(ReasoningConfig reasoning) {
        if (reasoning.effort().isPresent()) {
            return forEffort(reasoning.effort().get());
        }
        if (reasoning.level().isPresent()) {
            return OptionalInt.of(forLevel(reasoning.level().get()));
        }
        if (reasoning.budget().isPresent()) {
            int budget = reasoning.budget().get();
            if (budget == 0) {
                return OptionalInt.empty();
            }
            return OptionalInt.of(budget < 0 ? MEDIUM_BUDGET : Math.max(MIN_BUDGET, budget));
        }
        return OptionalInt.empty();
    }

    /**
     * The budget that fits below {@code maxTokens}.
     *
     * @throws GatewayException a 400 when {@code maxTokens} leaves no room for the minimum
     */
    static int fit(int budget, Optional<Integer> maxTokens) {
        if (maxTokens.isEmpty()) {
            return budget;
        }
        int max = maxTokens.get();
        if (max <= MIN_BUDGET) {
            throw GatewayException.invalid("max_tokens", "Thinking on this model needs max_tokens above "
                    + MIN_BUDGET + " (it counts thinking and answer together); got " + max + ".");
        }
        return Math.min(budget, max - 1);
    }

    private static OptionalInt forEffort(ReasoningEffort effort) {
        return switch (effort) {
            case NONE -> OptionalInt.empty();
            case MINIMAL, LOW -> OptionalInt.of(MIN_BUDGET);
            case MEDIUM -> OptionalInt.of(MEDIUM_BUDGET);
            case HIGH -> OptionalInt.of(HIGH_BUDGET);
        };
    }

    private static int forLevel(ThinkingLevel level) {
        return switch (level) {
            case MINIMAL, LOW -> MIN_BUDGET;
            case MEDIUM -> MEDIUM_BUDGET;
            case HIGH -> HIGH_BUDGET;
        };
    }
}
