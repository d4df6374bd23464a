package dev.junction.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.JsonField;
import dev.junction.protocol.model.EmbedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decodes an OpenAI {@code POST /v1/embeddings} body into an {@link EmbedRequest}.
 *
 * <table>
 * <caption>Request fields</caption>
 * <tr><th>Field</th><th>What Junction does</th></tr>
 * <tr><td>{@code model}</td><td>required string</td></tr>
 * <tr><td>{@code input}</td><td>a string or a list of at most {@value #MAX_INPUTS} strings, none empty;
 *     token-id arrays are refused (no Gemini model takes token ids)</td></tr>
 * <tr><td>{@code dimensions}</td><td>an integer ≥ 1: {@code outputDimensionality}</td></tr>
 * <tr><td>{@code encoding_format}</td><td>{@code float} (the default) or {@code base64}</td></tr>
 * <tr><td>{@code google.task_type} (also {@code extra_body.google})</td><td>Gemini's {@code taskType}</td></tr>
 * <tr><td>{@code user}</td><td>type-checked, then ignored</td></tr>
 * </table>
 */
public final class OpenAiEmbeddingsDecoder {
    /** OpenAI's own limit on inputs per request. */
    static final int MAX_INPUTS = 2048;
    private static final Set<String> TASK_TYPES = Set.of("TASK_TYPE_UNSPECIFIED", "RETRIEVAL_QUERY",
            "RETRIEVAL_DOCUMENT", "SEMANTIC_SIMILARITY", "CLASSIFICATION", "CLUSTERING", "QUESTION_ANSWERING",
            "FACT_VERIFICATION", "CODE_RETRIEVAL_QUERY");

    /** What was asked, and how the client wants the vectors written back. */
    public record Decoded(EmbedRequest request, boolean base64) {}

    private OpenAiEmbeddingsDecoder() {}

    /** @throws dev.junction.protocol.model.GatewayException a 400 naming the field, for any invalid request */
    public static Decoded decode(byte[] body) {
        JsonNode root = OpenAiBodies.object(body);
        OpenAiRequestFields fields = new OpenAiRequestFields(JsonField.root(root));
        JsonField modelField = fields.get("model");
        String model = modelField.string();
        if (model.isBlank()) {
            throw modelField.invalid("Invalid 'model': the model name is empty.");
        }
        List<String> inputs = inputs(fields.get("input"));
        Optional<Integer> dimensions = fields.get("dimensions").optInt(1, 65_536);
        JsonField format = fields.get("encoding_format");
        boolean base64 = switch (format.optString().orElse("float")) {
            case "float" -> false;
            case "base64" -> true;
            default -> throw format.invalid("Invalid value for 'encoding_format': expected 'float' or 'base64', got '"
                    + Json.brief(format.string()) + "'.");
        };
        fields.get("user").optString();
        ObjectNode vendor = Json.MAPPER.createObjectNode();
        JsonField google = fields.get("google");
        if (google.isPresent()) {
            google.object();
            JsonField taskType = google.field("task_type");
            if (taskType.isPresent()) {
                String value = taskType.string().toUpperCase(Locale.ROOT);
                if (!TASK_TYPES.contains(value)) {
                    throw taskType.invalid("Invalid value for 'google.task_type': expected one of "
                            + String.join(", ", TASK_TYPES.stream().sorted().toList()) + ".");
                }
                vendor.put("taskType", value);
            }
        }
        return new Decoded(new EmbedRequest(model, inputs, dimensions,
                vendor.isEmpty() ? Optional.empty() : Optional.of(vendor)), base64);
    }

    private static List<String> inputs(JsonField input) {
        if (input.isPresent() && input.node().isTextual()) {
            return List.of(nonEmpty(input));
        }
        if (input.isPresent() && !input.node().isArray()) {
            throw input.wrongType("a string or an array of strings");
        }
        List<JsonField> elements = input.elements();
        if (elements.isEmpty()) {
            throw input.invalid("Invalid 'input': the list of inputs is empty.");
        }
        if (elements.size() > MAX_INPUTS) {
            throw input.invalid("Invalid 'input': at most " + MAX_INPUTS + " inputs per request, got "
                    + elements.size() + ".");
        }
        List<String> texts = new ArrayList<>(elements.size());
        for (JsonField element : elements) {
            if (element.node().isNumber() || element.node().isArray()) {
                throw input.invalid("Invalid 'input': token-id arrays are not supported here; send the text.");
            }
            if (!element.node().isTextual()) {
                throw element.wrongType("a string");
            }
            texts.add(nonEmpty(element));
        }
        return texts;
    }

    private static String nonEmpty(JsonField text) {
        String value = text.string();
        if (value.isEmpty()) {
            throw text.invalid("Invalid '" + text.path() + "': an input must not be an empty string.");
        }
        return value;
    }
}
