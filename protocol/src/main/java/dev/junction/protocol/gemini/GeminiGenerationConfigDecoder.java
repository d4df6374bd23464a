package dev.junction.protocol.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.JsonField;
import dev.junction.protocol.model.ReasoningConfig;
import dev.junction.protocol.model.ResponseFormat;
import dev.junction.protocol.model.Sampling;
import dev.junction.protocol.model.ThinkingLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code generationConfig} in canonical terms: sampling, the response format and thinking.
 *
 * <ul>
 *   <li>{@code temperature} (0 to 2), {@code topP}, {@code topK}, {@code maxOutputTokens},
 *       {@code stopSequences} (at most 5), {@code seed}, {@code presencePenalty},
 *       {@code frequencyPenalty} and {@code responseLogprobs}/{@code logprobs} as they are.
 *   <li>{@code candidateCount} above 1 is a 400: the vendors Junction translates to answer one
 *       candidate per request.
 *   <li>{@code responseMimeType: application/json} is JSON output, constrained by
 *       {@code responseJsonSchema} (JSON Schema, as given) or {@code responseSchema} (Google's
 *       {@code Schema}, read by {@link GeminiSchemaReader}); {@code text/plain} is text; other
 *       types ({@code text/x.enum}) are a 400.
 *   <li>{@code thinkingConfig}: {@code thinkingBudget} (-1 dynamic, 0 off) or
 *       {@code thinkingLevel} (not both, as Google answers), and {@code includeThoughts}; thoughts
 *       asked for without a budget or level are dynamic thinking (budget -1), since Gemini
 *       models think by default and other vendors' do not.
 *   <li>Only text is answered: {@code responseModalities} other than {@code TEXT},
 *       {@code speechConfig} and {@code imageConfig} are a 400; {@code mediaResolution} and
 *       {@code enableEnhancedCivicAnswers} are hints with no effect elsewhere.
 * </ul>
 */
final class GeminiGenerationConfigDecoder {
    private static final Set<String> FIELDS = Set.of("stopSequences", "responseMimeType", "responseSchema",
            "responseJsonSchema", "responseModalities", "candidateCount", "maxOutputTokens", "temperature", "topP",
            "topK", "seed", "presencePenalty", "frequencyPenalty", "responseLogprobs", "logprobs",
            "enableEnhancedCivicAnswers", "speechConfig", "thinkingConfig", "imageConfig", "mediaResolution");
    private static final Set<String> THINKING_FIELDS = Set.of("includeThoughts", "thinkingBudget", "thinkingLevel");
    private static final int MAX_STOP_SEQUENCES = 5;

    /** What {@code generationConfig} says, in canonical terms. */
    record Decoded(Sampling sampling, ResponseFormat format, ReasoningConfig reasoning) {}

    private GeminiGenerationConfigDecoder() {}

    static Decoded decode(JsonField config) {
        if (config.isAbsent()) {
            return new Decoded(Sampling.defaults(), new ResponseFormat.Text(), ReasoningConfig.none());
        }
        GeminiFields.allowOnly(config, FIELDS);
        for (String unsupported : List.of("speechConfig", "imageConfig")) {
            JsonField field = GeminiFields.get(config, unsupported);
            if (field.isPresent()) {
                throw field.invalid(field.path() + ": speech and image output come from Gemini models only; "
                        + "this model answers text.");
            }
        }
        JsonField modalities = GeminiFields.get(config, "responseModalities");
        if (modalities.isPresent()) {
            for (JsonField modality : modalities.elements()) {
                if (!modality.string().equalsIgnoreCase("TEXT")) {
                    throw modality.invalid(modality.path() + ": this model answers text only, not "
                            + modality.string() + ".");
                }
            }
        }
        GeminiFields.get(config, "enableEnhancedCivicAnswers").optBool();
        GeminiFields.get(config, "mediaResolution").optString();
        Optional<Integer> candidates = GeminiFields.optInt(GeminiFields.get(config, "candidateCount"), 1,
                Integer.MAX_VALUE);
        if (candidates.filter(n -> n > 1).isPresent()) {
            throw GeminiFields.get(config, "candidateCount").invalid(GeminiFields.get(config, "candidateCount").path()
                    + ": this model answers one candidate per request; candidateCount must be 1.");
        }
        boolean logprobs = GeminiFields.get(config, "responseLogprobs").optBool().orElse(false);
        Sampling sampling = new Sampling(
                GeminiFields.optNumber(GeminiFields.get(config, "temperature"), 0, 2),
                GeminiFields.optNumber(GeminiFields.get(config, "topP"), 0, 1),
                GeminiFields.optInt(GeminiFields.get(config, "topK"), 1, Integer.MAX_VALUE),
                GeminiFields.optInt(GeminiFields.get(config, "maxOutputTokens"), 1, Integer.MAX_VALUE),
                stops(GeminiFields.get(config, "stopSequences")),
                candidates,
                GeminiFields.optInteger(GeminiFields.get(config, "seed"), Integer.MIN_VALUE, Integer.MAX_VALUE),
                GeminiFields.optNumber(GeminiFields.get(config, "presencePenalty"), -2, 2),
                GeminiFields.optNumber(GeminiFields.get(config, "frequencyPenalty"), -2, 2),
                logprobs,
                GeminiFields.optInt(GeminiFields.get(config, "logprobs"), 0, 20));
        return new Decoded(sampling, format(config), thinking(GeminiFields.get(config, "thinkingConfig")));
    }

    private static List<String> stops(JsonField field) {
        if (field.isAbsent()) {
            return List.of();
        }
        List<JsonField> elements = field.elements();
        if (elements.size() > MAX_STOP_SEQUENCES) {
            throw field.invalid(field.path() + ": at most " + MAX_STOP_SEQUENCES + " stop sequences, got "
                    + elements.size() + ".");
        }
        List<String> stops = new ArrayList<>();
        elements.forEach(e -> stops.add(e.string()));
        return stops;
    }

    private static ResponseFormat format(JsonField config) {
        JsonField mimeField = GeminiFields.get(config, "responseMimeType");
        String mime = mimeField.optString().map(m -> m.toLowerCase(Locale.ROOT).trim()).orElse("text/plain");
        JsonField jsonSchema = GeminiFields.get(config, "responseJsonSchema");
        JsonField schema = GeminiFields.get(config, "responseSchema");
        if (jsonSchema.isPresent() && schema.isPresent()) {
            throw jsonSchema.invalid(jsonSchema.path() + ": set responseSchema or responseJsonSchema, not both.");
        }
        Optional<ObjectNode> constraint = jsonSchema.isPresent() ? Optional.of(jsonSchema.object().deepCopy())
                : schema.isPresent() ? Optional.of(GeminiSchemaReader.read(schema)) : Optional.empty();
        switch (mime) {
            case "text/plain" -> {
                if (constraint.isPresent()) {
                    JsonField given = jsonSchema.isPresent() ? jsonSchema : schema;
                    throw given.invalid(given.path() + ": a response schema needs responseMimeType "
                            + "'application/json'.");
                }
                return new ResponseFormat.Text();
            }
            case "application/json" -> {
                return constraint.<ResponseFormat>map(s -> new ResponseFormat.JsonSchema("response", s, true))
                        .orElseGet(ResponseFormat.JsonObject::new);
            }
            default -> throw mimeField.invalid(mimeField.path() + ": this model answers 'text/plain' or "
                    + "'application/json', not '" + mimeField.string() + "'.");
        }
    }

    private static ReasoningConfig thinking(JsonField field) {
        if (field.isAbsent()) {
            return ReasoningConfig.none();
        }
        GeminiFields.allowOnly(field, THINKING_FIELDS);
        boolean include = GeminiFields.get(field, "includeThoughts").optBool().orElse(false);
        JsonField budgetField = GeminiFields.get(field, "thinkingBudget");
        JsonField levelField = GeminiFields.get(field, "thinkingLevel");
        Optional<Integer> budget = GeminiFields.optInt(budgetField, -1, Integer.MAX_VALUE);
        Optional<ThinkingLevel> level = Optional.empty();
        if (levelField.isPresent() && !levelField.string().equalsIgnoreCase("THINKING_LEVEL_UNSPECIFIED")) {
            level = Optional.of(ThinkingLevel.parse(levelField.string()).orElseThrow(() -> levelField.invalid(
                    "Invalid value at '" + levelField.path() + "', \"" + levelField.string()
                            + "\": expected MINIMAL, LOW, MEDIUM or HIGH.")));
        }
        if (budget.isPresent() && level.isPresent()) {
            throw levelField.invalid("You can only set only one of thinking budget and thinking level.");
        }
        if (include && budget.isEmpty() && level.isEmpty()) {
            budget = Optional.of(-1); // Gemini models think by default: thoughts asked for, without a size, are dynamic
        }
        return new ReasoningConfig(Optional.empty(), budget, level, include);
    }
}
