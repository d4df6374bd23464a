package dev.junction.mock.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Set;

/**
 * Validates {@code generationConfig.thinkingConfig} against the model as Google does and decides
 * the {@link ThinkingPlan} (PROTOCOLS §2.1–2.2).
 *
 * <ul>
 *   <li>Gemini 2.0: any {@code thinkingConfig} that asks for thinking → 400 "thinking_config is not supported."
 *   <li>Gemini 2.5: {@code thinkingLevel} → 400 "Thinking level is not supported for this model.";
 *       budget {@code 0} where thinking cannot be disabled → 400 "Budget 0 is invalid. This model only
 *       works in thinking mode."; a budget under {@code -1} or over the model's maximum → 400
 *       "The thinking budget (N) is invalid."; a positive budget under the minimum is raised to it.
 *   <li>Gemini 3: a level the model lacks → 400 "Thinking level MEDIUM is not supported for this
 *       model."; a budget is accepted for back-compatibility; thinking is never off.
 *   <li>Both {@code thinkingLevel} and {@code thinkingBudget} → 400 (Google's exact wording for this
 *       one is not public; ours names both fields).
 * </ul>
 *
 * <p>Thought tokens are a deterministic function of the prompt: {@code 96 + 2 × min(prompt, 1000)}
 * at dynamic/high, two thirds of that at medium, a third at low, 16 at minimal, and never more
 * than a positive budget.
 */
final class ThinkingPolicy {
    private static final Set<String> LEVELS = Set.of("minimal", "low", "medium", "high");

    private ThinkingPolicy() {}

    static ThinkingPlan plan(MockModel model, GenerateRequest request, int promptTokens) {
        JsonNode config = request.config(Keys.THINKING_CONFIG);
        JsonNode levelNode = Keys.THINKING_LEVEL.in(config);
        JsonNode budgetNode = Keys.THINKING_BUDGET.in(config);
        boolean include = Keys.INCLUDE_THOUGHTS.in(config).asBoolean(false);
        boolean hasLevel = !levelNode.isMissingNode() && !levelNode.isNull();
        boolean hasBudget = !budgetNode.isMissingNode() && !budgetNode.isNull();
        int dynamic = 96 + 2 * Math.min(promptTokens, 1000);

        return switch (model.thinking()) {
            case ThinkingCapability.None none -> {
                if (hasLevel || include || (hasBudget && budgetNode.asInt() != 0)) {
                    throw rejected("thinking_config is not supported.");
                }
                yield ThinkingPlan.OFF;
            }
            case ThinkingCapability.Budget budget -> {
                if (hasLevel) {
                    throw rejected("Thinking level is not supported for this model.");
                }
                if (!hasBudget) {
                    yield budget.onByDefault() ? new ThinkingPlan(dynamic, include) : ThinkingPlan.OFF;
                }
                int value = budgetValue(budgetNode);
                if (value == -1) {
                    yield new ThinkingPlan(dynamic, include);
                }
                if (value == 0) {
                    if (!budget.canDisable()) {
                        throw rejected("Budget 0 is invalid. This model only works in thinking mode.");
                    }
                    yield ThinkingPlan.OFF;
                }
                if (value < -1 || value > budget.max()) {
                    throw rejected("The thinking budget (" + value + ") is invalid.");
                }
                yield new ThinkingPlan(Math.min(dynamic, Math.max(value, budget.min())), include);
            }
            case ThinkingCapability.Levels levels -> {
                if (hasLevel && hasBudget) {
                    throw rejected("thinking_level and thinking_budget cannot both be set; use thinking_level.");
                }
                if (hasBudget) {
                    int value = budgetValue(budgetNode);
                    if (value < -1 || value > 65_536) {
                        throw rejected("The thinking budget (" + value + ") is invalid.");
                    }
                    yield new ThinkingPlan(value <= 0 ? (value == 0 ? 16 : dynamic) : Math.min(dynamic, value), include);
                }
                String level = hasLevel ? levelNode.asText().toLowerCase(Locale.ROOT) : levels.defaultLevel();
                if (!LEVELS.contains(level)) {
                    String field = "generation_config.thinking_config.thinking_level";
                    throw new MockRequestException(GoogleErrorBodies.invalidField(field, "Invalid value at '" + field
                            + "' (type.googleapis.com/google.ai.generativelanguage.v1beta.ThinkingConfig.ThinkingLevel), \""
                            + levelNode.asText() + "\""));
                }
                if (!levels.allows(level)) {
                    throw rejected("Thinking level " + level.toUpperCase(Locale.ROOT)
                            + " is not supported for this model.");
                }
                int tokens = switch (level) {
                    case "minimal" -> 16;
                    case "low" -> dynamic / 3;
                    case "medium" -> dynamic * 2 / 3;
                    default -> dynamic;
                };
                yield new ThinkingPlan(tokens, include);
            }
        };
    }

    private static int budgetValue(JsonNode node) {
        if (!node.canConvertToExactIntegral() && !(node.isTextual() && isInteger(node.asText()))) {
            String field = "generation_config.thinking_config.thinking_budget";
            throw new MockRequestException(GoogleErrorBodies.invalidField(field,
                    "Invalid value at '" + field + "' (TYPE_INT32), " + node));
        }
        return node.isTextual() ? Integer.parseInt(node.asText()) : node.asInt();
    }

    private static boolean isInteger(String text) {
        try {
            Integer.parseInt(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static MockRequestException rejected(String message) {
        return new MockRequestException(GoogleErrorBodies.invalidArgument(message));
    }
}
