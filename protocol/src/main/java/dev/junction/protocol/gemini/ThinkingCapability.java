package dev.junction.protocol.gemini;

import dev.junction.protocol.model.ReasoningConfig;
import dev.junction.protocol.model.ReasoningEffort;
import dev.junction.protocol.model.ThinkingLevel;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one family of Gemini models accepts for thinking, and how a caller's request is fitted
 * to it. One row of {@link ThinkingCapabilities}.
 *
 * <p>Resolution policy: a value the model cannot honour is clamped to the nearest value it can,
 * never rejected (a syntactically invalid value was already a 400 at decode time):
 * <ul>
 * <li>a budget outside the model's range is clamped into it; {@code 0} (off) on a model that
 *     cannot turn thinking off becomes its minimum; {@code -1} (dynamic) is kept;</li>
 * <li>a level the model lacks becomes the nearest level it has (ties go to the higher one, as
 *     Google mapped {@code medium} to {@code high} on Gemini 3 Pro);</li>
 * <li>{@code reasoning_effort: none} turns thinking off where it can be, else asks for the
 *     least thinking the model allows (its minimum budget or lowest level);</li>
 * <li>across styles: a level sent to a budget model is read as the effort of the same name; a
 *     budget sent to a level model becomes a level ({@code 0} → lowest, up to 1024 → low, up to
 *     8192 → medium, more → high, {@code -1} → the model's default), so each model gets the knob
 *     it is documented with rather than the back-compat one;</li>
 * <li>models with {@link Control.Unsupported} get no thinking settings at all (they would fail
 *     upstream), including {@code includeThoughts}.</li>
 * </ul>
 *
 * @param match the glob on model names this row was chosen by
 * @param requiresSignatures Gemini 3 style: every function call of the current turn must carry
 *     its thought signature when replayed
 */
public record ThinkingCapability(String match, Control control, boolean requiresSignatures) {

    /** How a model's thinking is controlled. */
    public sealed interface Control {
        /** {@code thinkingBudget} in tokens. {@code defaultDynamic} false means no thinking unless asked. */
        record Budget(int min, int max, boolean canDisable, boolean defaultDynamic,
                Map<ReasoningEffort, Integer> effortBudgets) implements Control {
            public Budget {
                effortBudgets = Map.copyOf(effortBudgets);
            }
        }

        /** {@code thinkingLevel}; {@code allowed} in ascending order. */
        record Levels(List<ThinkingLevel> allowed, ThinkingLevel defaultLevel,
                Map<ReasoningEffort, ThinkingLevel> effortLevels) implements Control {
            public Levels {
                allowed = List.copyOf(allowed);
                effortLevels = Map.copyOf(effortLevels);
            }
        }

        /** The model does not think, or takes no settings for it. */
        record Unsupported() implements Control {}
    }

    /** What to send as {@code thinkingConfig}; all empty and false means send nothing. */
    public record ThinkingSettings(Optional<Integer> budget, Optional<ThinkingLevel> level, boolean includeThoughts) {
        public static final ThinkingSettings NONE = new ThinkingSettings(Optional.empty(), Optional.empty(), false);

        public boolean isEmpty() {
            return budget.isEmpty() && level.isEmpty() && !includeThoughts;
        }
    }

    /** Fits {@code request} to this model, by the policy above. */
    public ThinkingSettings resolve(ReasoningConfig request) {
        return switch (control) {
            case Control.Unsupported u -> ThinkingSettings.NONE;
            case Control.Budget b -> new ThinkingSettings(budget(b, request), Optional.empty(), request.includeThoughts());
            case Control.Levels l -> new ThinkingSettings(Optional.empty(), level(l, request), request.includeThoughts());
        };
    }

    private static Optional<Integer> budget(Control.Budget b, ReasoningConfig request) {
        Optional<ReasoningEffort> effort = request.effort()
                .or(() -> request.level().map(level -> ReasoningEffort.valueOf(level.name())));
        if (effort.isPresent()) {
            return Optional.of(effort.get() == ReasoningEffort.NONE
                    ? clampBudget(b, 0)
                    : clampBudget(b, b.effortBudgets().get(effort.get())));
        }
        return request.budget().map(value -> value == -1 ? -1 : clampBudget(b, value));
    }

    private static int clampBudget(Control.Budget b, int value) {
        if (value == 0 && b.canDisable()) {
            return 0;
        }
        return Math.max(b.min(), Math.min(b.max(), value));
    }

    private static Optional<ThinkingLevel> level(Control.Levels l, ReasoningConfig request) {
        if (request.effort().isPresent()) {
            ReasoningEffort effort = request.effort().get();
            return Optional.of(effort == ReasoningEffort.NONE ? l.allowed().getFirst() : nearest(l, l.effortLevels().get(effort)));
        }
        if (request.level().isPresent()) {
            return Optional.of(nearest(l, request.level().get()));
        }
        return request.budget().flatMap(budget -> budget == -1 ? Optional.empty() : Optional.of(budget == 0
                ? l.allowed().getFirst()
                : nearest(l, budget <= 1024 ? ThinkingLevel.LOW : budget <= 8192 ? ThinkingLevel.MEDIUM : ThinkingLevel.HIGH)));
    }

    private static ThinkingLevel nearest(Control.Levels l, ThinkingLevel wanted) {
        ThinkingLevel best = l.allowed().getFirst();
        for (ThinkingLevel candidate : l.allowed()) {
            int distance = Math.abs(candidate.ordinal() - wanted.ordinal());
            int bestDistance = Math.abs(best.ordinal() - wanted.ordinal());
            if (distance < bestDistance || (distance == bestDistance && candidate.ordinal() > best.ordinal())) {
                best = candidate;
            }
        }
        return best;
    }
}
