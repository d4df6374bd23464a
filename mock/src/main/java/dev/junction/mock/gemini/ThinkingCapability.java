package dev.junction.mock.gemini;

import java.util.List;
import java.util.Locale;

/** How a model thinks and which {@code thinkingConfig} it accepts (PROTOCOLS §2.1, §2.2). */
sealed interface ThinkingCapability {

    /** Gemini 2.0: no thinking; any {@code thinkingConfig} is refused. */
    record None() implements ThinkingCapability {}

    /**
     * Gemini 2.5: a token budget in {@code [min, max]}, {@code 0} disables thinking where
     * {@code canDisable}, {@code -1} is dynamic. Positive values under {@code min} are raised to it.
     */
    record Budget(int min, int max, boolean canDisable, boolean onByDefault) implements ThinkingCapability {}

    /**
     * Gemini 3: a {@code thinkingLevel} from {@code allowed} (lower case); a {@code thinkingBudget} is
     * still accepted for back-compatibility. Thinking cannot be turned off.
     */
    record Levels(List<String> allowed, String defaultLevel) implements ThinkingCapability {
        public Levels {
            allowed = List.copyOf(allowed);
        }

        boolean allows(String level) {
            return allowed.contains(level.toLowerCase(Locale.ROOT));
        }
    }
}
