package dev.junction.protocol.openai;

import dev.junction.protocol.JsonField;
import dev.junction.protocol.model.Sampling;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the generation parameters, with OpenAI's ranges (so a client gets the error OpenAI
 * would give) narrowed where Gemini is narrower: {@code n} is Gemini's {@code candidateCount}
 * (at most 8) and {@code seed} must fit Gemini's 32-bit field. {@code max_completion_tokens}
 * wins over {@code max_tokens} when both are sent. Empty strings in {@code stop} are dropped
 * (Gemini rejects empty stop sequences and they could never match anyway).
 */
final class OpenAiSamplingDecoder {
    /** OpenAI's limit; Gemini allows 5, but a client that sends 5 would fail against OpenAI. */
    static final int MAX_STOP_SEQUENCES = 4;
    static final int MAX_CANDIDATES = 8;

    private OpenAiSamplingDecoder() {}

    static Sampling decode(OpenAiRequestFields fields, Optional<Integer> googleTopK) {
        JsonField topKField = fields.get("top_k");
        if (topKField.isPresent() && googleTopK.isPresent()) {
            throw topKField.invalid("Invalid '" + topKField.path() + "': top_k is given both here and under google;"
                    + " send it once.");
        }
        Optional<Integer> topK = topKField.isPresent() ? topKField.optInt(1, Integer.MAX_VALUE) : googleTopK;
        Optional<Integer> maxTokens = fields.get("max_completion_tokens").optInt(1, Integer.MAX_VALUE);
        Optional<Integer> legacyMax = fields.get("max_tokens").optInt(1, Integer.MAX_VALUE);

        boolean logprobs = fields.get("logprobs").optBool().orElse(false);
        JsonField topLogprobsField = fields.get("top_logprobs");
        Optional<Integer> topLogprobs = topLogprobsField.optInt(0, 20);
        if (topLogprobs.isPresent() && !logprobs) {
            throw topLogprobsField.invalid("Invalid '" + topLogprobsField.path()
                    + "': top_logprobs needs logprobs set to true.");
        }
        return new Sampling(
                fields.get("temperature").optDecimal(0, 2),
                fields.get("top_p").optDecimal(0, 1),
                topK,
                maxTokens.or(() -> legacyMax),
                stop(fields.get("stop")),
                fields.get("n").optInt(1, MAX_CANDIDATES),
                fields.get("seed").optInteger(Integer.MIN_VALUE, Integer.MAX_VALUE),
                fields.get("presence_penalty").optDecimal(-2, 2),
                fields.get("frequency_penalty").optDecimal(-2, 2),
                logprobs,
                topLogprobs);
    }

    private static List<String> stop(JsonField field) {
        if (field.isAbsent()) {
            return List.of();
        }
        if (field.node().isTextual()) {
            return field.string().isEmpty() ? List.of() : List.of(field.string());
        }
        if (!field.node().isArray()) {
            throw field.wrongType("a string or an array of strings");
        }
        List<JsonField> elements = field.elements();
        if (elements.size() > MAX_STOP_SEQUENCES) {
            throw field.invalid("Invalid '" + field.path() + "': array too long. Expected an array with maximum length "
                    + MAX_STOP_SEQUENCES + ", but got an array with length " + elements.size() + " instead.");
        }
        List<String> stop = new ArrayList<>();
        for (JsonField element : elements) {
            String value = element.string();
            if (!value.isEmpty()) {
                stop.add(value);
            }
        }
        return stop;
    }
}
