package dev.junction.protocol.openai;

import dev.junction.protocol.JsonField;

/**
 * The OpenAI request fields Gemini has no equivalent for. Each is still type-checked (a wrong
 * type is a 400, as OpenAI gives), then either ignored, when dropping it cannot change what a
 * client reads back, or rejected, when the client asked for something it would silently not get.
 * The table is in {@link OpenAiRequestDecoder}.
 */
final class OpenAiUnsupportedFields {
    private OpenAiUnsupportedFields() {}

    static void check(OpenAiRequestFields fields) {
        fields.get("user").optString();
        fields.get("safety_identifier").optString();
        fields.get("prompt_cache_key").optString();
        fields.get("prompt_cache_retention").optString();
        fields.get("service_tier").optString();
        fields.get("verbosity").optString();
        fields.get("store").optBool();
        fields.get("parallel_tool_calls").optBool();
        objectIfPresent(fields.get("metadata"));
        objectIfPresent(fields.get("prediction"));

        JsonField logitBias = fields.get("logit_bias");
        if (logitBias.isPresent() && !logitBias.object().isEmpty()) {
            throw logitBias.invalid("Invalid '" + logitBias.path() + "': logit_bias is not supported by Gemini models.");
        }
        JsonField modalities = fields.get("modalities");
        if (modalities.isPresent()) {
            for (JsonField modality : modalities.elements()) {
                if (!modality.string().equals("text")) {
                    throw modality.invalid("Invalid '" + modality.path() + "': only the 'text' output modality is"
                            + " supported.");
                }
            }
        }
        reject(fields.get("audio"), "audio output is not supported");
        reject(fields.get("web_search_options"), "web search is not supported through this API");
    }

    private static void objectIfPresent(JsonField field) {
        if (field.isPresent()) {
            field.object();
        }
    }

    private static void reject(JsonField field, String why) {
        if (field.isPresent()) {
            throw field.invalid("Invalid '" + field.path() + "': " + why + ".");
        }
    }
}
