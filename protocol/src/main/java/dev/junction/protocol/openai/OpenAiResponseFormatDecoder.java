package dev.junction.protocol.openai;

import dev.junction.protocol.Json;
import dev.junction.protocol.JsonField;
import dev.junction.protocol.model.ResponseFormat;

/**
 * Reads {@code response_format}: {@code text}, {@code json_object}, or {@code json_schema}
 * ({@code name} required as OpenAI requires it; a {@code json_schema} without {@code schema}
 * asks only for JSON, so it is read as {@code json_object}).
 */
final class OpenAiResponseFormatDecoder {
    private OpenAiResponseFormatDecoder() {}

    static ResponseFormat decode(JsonField field) {
        if (field.isAbsent()) {
            return new ResponseFormat.Text();
        }
        field.object();
        JsonField type = field.field("type");
        return switch (type.string()) {
            case "text" -> new ResponseFormat.Text();
            case "json_object" -> new ResponseFormat.JsonObject();
            case "json_schema" -> jsonSchema(field.field("json_schema"));
            default -> throw type.invalid("Invalid value: '" + Json.brief(type.string())
                    + "'. Supported values are: 'text', 'json_object', and 'json_schema'.");
        };
    }

    private static ResponseFormat jsonSchema(JsonField field) {
        field.object();
        String name = field.field("name").string();
        field.field("description").optString();
        boolean strict = field.field("strict").optBool().orElse(false);
        JsonField schema = field.field("schema");
        if (schema.isAbsent()) {
            return new ResponseFormat.JsonObject();
        }
        return new ResponseFormat.JsonSchema(name, schema.object().deepCopy(), strict);
    }
}
