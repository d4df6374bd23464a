package dev.junction.protocol.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.JsonField;
import dev.junction.protocol.model.ThinkingLevel;
import java.util.List;
import java.util.Optional;

/**
 * Google's extension of the OpenAI request, {@code "google": {...}} (or under
 * {@code extra_body}), as Google's own OpenAI endpoint documents it. Keys are snake_case; a
 * camelCase spelling ({@code thinkingConfig}) is a 400 that names the right one, because
 * silently ignoring it would leave the caller wondering why thinking did not change.
 *
 * <table>
 * <caption>Keys under {@code google}</caption>
 * <tr><th>Key</th><th>Effect</th></tr>
 * <tr><td>{@code thinking_config {thinking_budget, thinking_level, include_thoughts}}</td><td>thinking;
 *     budget and level together are a 400 (as Google answers)</td></tr>
 * <tr><td>{@code cached_content}</td><td>{@code cachedContent}, via {@code vendorOptions}</td></tr>
 * <tr><td>{@code safety_settings}</td><td>{@code safetySettings}, via {@code vendorOptions}</td></tr>
 * <tr><td>{@code top_k}</td><td>{@code topK}</td></tr>
 * <tr><td>{@code thought_tag_marker}</td><td>ignored: Junction returns thoughts in
 *     {@code reasoning_content}, never as tags in the text</td></tr>
 * </table>
 *
 * @param thinkingBudget {@code -1} means dynamic, {@code 0} off
 * @param vendorOptions the keys passed on to Gemini as {@code ChatRequest.vendorOptions}
 */
record OpenAiGoogleOptions(
        Optional<Integer> thinkingBudget,
        Optional<ThinkingLevel> thinkingLevel,
        boolean includeThoughts,
        Optional<Integer> topK,
        ObjectNode vendorOptions) {

    private static final List<String> KEYS =
            List.of("cached_content", "safety_settings", "thinking_config", "thought_tag_marker", "top_k");
    private static final List<String> THINKING_KEYS = List.of("include_thoughts", "thinking_budget", "thinking_level");

    static OpenAiGoogleOptions none() {
        return new OpenAiGoogleOptions(Optional.empty(), Optional.empty(), false, Optional.empty(),
                Json.MAPPER.createObjectNode());
    }

    static OpenAiGoogleOptions decode(JsonField google) {
        if (google.isAbsent()) {
            return none();
        }
        google.object();
        checkKeys(google, KEYS);
        ObjectNode vendor = Json.MAPPER.createObjectNode();
        google.field("cached_content").optString().ifPresent(name -> vendor.put("cached_content", name));
        JsonField safety = google.field("safety_settings");
        if (safety.isPresent()) {
            for (JsonField setting : safety.elements()) {
                setting.object();
                setting.field("category").string();
                setting.field("threshold").string();
            }
            vendor.set("safety_settings", safety.node().deepCopy());
        }
        google.field("thought_tag_marker").optString();
        Optional<Integer> topK = google.field("top_k").optInt(1, Integer.MAX_VALUE);

        JsonField thinking = google.field("thinking_config");
        if (thinking.isAbsent()) {
            return new OpenAiGoogleOptions(Optional.empty(), Optional.empty(), false, topK, vendor);
        }
        thinking.object();
        checkKeys(thinking, THINKING_KEYS);
        Optional<Integer> budget = thinking.field("thinking_budget").optInt(-1, Integer.MAX_VALUE);
        JsonField levelField = thinking.field("thinking_level");
        Optional<ThinkingLevel> level = levelField.optString().map(value -> ThinkingLevel.parse(value)
                .orElseThrow(() -> levelField.invalid("Invalid value: '" + Json.brief(value)
                        + "'. Supported values are: 'minimal', 'low', 'medium', and 'high'.")));
        if (budget.isPresent() && level.isPresent()) {
            throw levelField.invalid("Invalid '" + thinking.path() + "': thinking_budget and thinking_level cannot be"
                    + " used together; send one of them.");
        }
        boolean includeThoughts = thinking.field("include_thoughts").optBool().orElse(false);
        return new OpenAiGoogleOptions(budget, level, includeThoughts, topK, vendor);
    }

    boolean setsThinkingAmount() {
        return thinkingBudget.isPresent() || thinkingLevel.isPresent();
    }

    private static void checkKeys(JsonField object, List<String> known) {
        for (String name : object.names()) {
            if (known.contains(name)) {
                continue;
            }
            String snake = snakeCase(name);
            JsonField field = object.field(name);
            if (known.contains(snake)) {
                throw field.invalid("Unknown parameter: '" + field.path() + "'. Google's extension fields are"
                        + " snake_case: use '" + snake + "'.");
            }
            throw field.invalid("Unknown parameter: '" + field.path() + "'. Supported keys are: "
                    + String.join(", ", known) + ".");
        }
    }

    private static String snakeCase(String name) {
        StringBuilder snake = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                snake.append('_').append(Character.toLowerCase(c));
            } else {
                snake.append(c);
            }
        }
        return snake.toString();
    }
}
