package dev.junction.protocol.openai;

import com.fasterxml.jackson.databind.node.MissingNode;
import dev.junction.protocol.JsonField;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The top-level fields of an OpenAI request, with the fields of a literal {@code extra_body}
 * object merged in. The OpenAI SDKs merge {@code extra_body} into the top level themselves;
 * a raw HTTP client (and Google's own curl samples) sends the key literally. Both mean the
 * same, so both are read the same; each field keeps the path it arrived under, so errors
 * name {@code extra_body.google.thinking_config} when that is where the client put it.
 */
final class OpenAiRequestFields {
    private final Map<String, JsonField> fields = new LinkedHashMap<>();

    OpenAiRequestFields(JsonField root) {
        root.object();
        for (String name : root.names()) {
            if (!name.equals("extra_body")) {
                fields.put(name, root.field(name));
            }
        }
        JsonField extra = root.field("extra_body");
        if (extra.isPresent()) {
            extra.object();
            for (String name : extra.names()) {
                JsonField field = extra.field(name);
                JsonField existing = fields.get(name);
                if (existing != null && existing.isPresent() && field.isPresent()) {
                    throw field.invalid("Invalid '" + field.path() + "': '" + name
                            + "' is given both at the top level and inside extra_body; send it once.");
                }
                if (existing == null || existing.isAbsent()) {
                    fields.put(name, field);
                }
            }
        }
    }

    /** The field, or an absent one named as a top-level field. */
    JsonField get(String name) {
        JsonField field = fields.get(name);
        return field != null ? field : JsonField.root(MissingNode.getInstance()).field(name);
    }

    Set<String> names() {
        return fields.keySet();
    }
}
