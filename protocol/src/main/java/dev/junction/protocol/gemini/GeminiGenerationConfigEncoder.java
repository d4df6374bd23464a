package dev.junction.protocol.gemini;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.gemini.ThinkingCapability.ThinkingSettings;
import dev.junction.protocol.model.ChatRequest;
import dev.junction.protocol.model.ResponseFormat;
import dev.junction.protocol.model.Sampling;
import java.util.Optional;

/**
 * {@code generationConfig}: sampling, response format and thinking. Absent settings are left
 * out, so Gemini applies the model's defaults (Google advises keeping Gemini 3 at its default
 * temperature; Junction only sends what the caller set).
 *
 * <p>A {@code json_schema} response format is sent as {@code responseJsonSchema}, the plain
 * JSON Schema field, not converted to {@code responseSchema}: structured output is where a
 * client relies on every keyword ({@code additionalProperties: false}, {@code $ref}), and
 * Google documents OpenAI's {@code json_schema} (Pydantic, Zod) as working this way. Its
 * {@code name} and {@code strict} have no Gemini equivalent (Gemini always constrains).
 */
final class GeminiGenerationConfigEncoder {
    private GeminiGenerationConfigEncoder() {}

    static Optional<ObjectNode> encode(ChatRequest request, ThinkingCapability capability) {
        ObjectNode config = Json.MAPPER.createObjectNode();
        Sampling s = request.sampling();
        s.temperature().ifPresent(v -> config.put("temperature", v));
        s.topP().ifPresent(v -> config.put("topP", v));
        s.topK().ifPresent(v -> config.put("topK", v));
        s.maxOutputTokens().ifPresent(v -> config.put("maxOutputTokens", v));
        if (!s.stop().isEmpty()) {
            ArrayNode stop = config.putArray("stopSequences");
            s.stop().forEach(stop::add);
        }
        s.candidateCount().ifPresent(v -> config.put("candidateCount", v));
        s.seed().ifPresent(v -> config.put("seed", v));
        s.presencePenalty().ifPresent(v -> config.put("presencePenalty", v));
        s.frequencyPenalty().ifPresent(v -> config.put("frequencyPenalty", v));
        if (s.logprobs()) {
            config.put("responseLogprobs", true);
            s.topLogprobs().ifPresent(v -> config.put("logprobs", v));
        }
        switch (request.responseFormat()) {
            case ResponseFormat.Text t -> { }
            case ResponseFormat.JsonObject j -> config.put("responseMimeType", "application/json");
            case ResponseFormat.JsonSchema j -> {
                config.put("responseMimeType", "application/json");
                config.set("responseJsonSchema", j.schema().deepCopy());
            }
        }
        ThinkingSettings thinking = capability.resolve(request.reasoning());
        if (!thinking.isEmpty()) {
            ObjectNode thinkingConfig = config.putObject("thinkingConfig");
            thinking.budget().ifPresent(b -> thinkingConfig.put("thinkingBudget", b));
            thinking.level().ifPresent(l -> thinkingConfig.put("thinkingLevel", l.wire()));
            if (thinking.includeThoughts()) {
                thinkingConfig.put("includeThoughts", true);
            }
        }
        return config.isEmpty() ? Optional.empty() : Optional.of(config);
    }
}
