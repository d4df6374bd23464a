package dev.junction.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.JsonField;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;

/**
 * Gemini's {@code Schema} (the OpenAPI 3.0 subset of {@code parameters} and
 * {@code responseSchema}) as the JSON Schema Junction's canonical model carries: types in lower
 * case, {@code nullable: true} as a {@code "null"} type, {@code example} as {@code examples},
 * int64 fields given as strings ({@code "minItems": "1"}, as protocol buffers print them) as
 * numbers; {@code propertyOrdering} and the {@code enum} format, which JSON Schema has no word
 * for, are left out. A field Google's {@code Schema} does not have is a 400, as Google answers.
 */
final class GeminiSchemaReader {
    private static final Set<String> FIELDS = Set.of("type", "format", "title", "description", "nullable", "enum",
            "maxItems", "minItems", "properties", "required", "minProperties", "maxProperties", "minLength",
            "maxLength", "pattern", "example", "anyOf", "propertyOrdering", "default", "items", "minimum", "maximum");
    private static final Set<String> TYPES = Set.of("STRING", "NUMBER", "INTEGER", "BOOLEAN", "ARRAY", "OBJECT",
            "NULL");
    private static final Set<String> COUNTS = Set.of("maxItems", "minItems", "minProperties", "maxProperties",
            "minLength", "maxLength");
    private static final int MAX_DEPTH = 64;

    private GeminiSchemaReader() {}

    static ObjectNode read(JsonField schema) {
        return read(schema, 0);
    }

    private static ObjectNode read(JsonField schema, int depth) {
        if (depth > MAX_DEPTH) {
            throw schema.invalid(schema.path() + ": the schema is nested more than " + MAX_DEPTH + " levels deep.");
        }
        GeminiFields.allowOnly(schema, FIELDS);
        ObjectNode out = Json.MAPPER.createObjectNode();
        JsonField typeField = GeminiFields.get(schema, "type");
        boolean nullable = GeminiFields.get(schema, "nullable").optBool().orElse(false);
        String type = typeField.optString().map(t -> t.toUpperCase(Locale.ROOT)).orElse("TYPE_UNSPECIFIED");
        if (!type.equals("TYPE_UNSPECIFIED")) {
            if (!TYPES.contains(type)) {
                throw typeField.invalid("Invalid value at '" + typeField.path() + "' (type.googleapis.com/"
                        + "google.ai.generativelanguage.v1beta.Type), \"" + Json.brief(typeField.string()) + "\"");
            }
            String lower = type.toLowerCase(Locale.ROOT);
            if (nullable && !type.equals("NULL")) {
                out.putArray("type").add(lower).add("null");
            } else {
                out.put("type", lower);
            }
        }
        GeminiFields.get(schema, "format").optString().filter(f -> !f.equals("enum"))
                .ifPresent(f -> out.put("format", f));
        GeminiFields.get(schema, "title").optString().ifPresent(t -> out.put("title", t));
        GeminiFields.get(schema, "description").optString().ifPresent(d -> out.put("description", d));
        GeminiFields.get(schema, "pattern").optString().ifPresent(p -> out.put("pattern", p));
        JsonField enumField = GeminiFields.get(schema, "enum");
        if (enumField.isPresent()) {
            ArrayNode values = out.putArray("enum");
            enumField.elements().forEach(v -> values.add(v.string()));
        }
        JsonField required = GeminiFields.get(schema, "required");
        if (required.isPresent()) {
            ArrayNode names = out.putArray("required");
            required.elements().forEach(v -> names.add(v.string()));
        }
        JsonField properties = GeminiFields.get(schema, "properties");
        if (properties.isPresent()) {
            properties.object();
            ObjectNode props = out.putObject("properties");
            for (String name : properties.names()) {
                props.set(name, read(properties.field(name), depth + 1));
            }
        }
        JsonField items = GeminiFields.get(schema, "items");
        if (items.isPresent()) {
            out.set("items", read(items, depth + 1));
        }
        JsonField anyOf = GeminiFields.get(schema, "anyOf");
        if (anyOf.isPresent()) {
            ArrayNode members = out.putArray("anyOf");
            anyOf.elements().forEach(m -> members.add(read(m, depth + 1)));
        }
        for (String count : COUNTS) {
            JsonField field = GeminiFields.get(schema, count);
            if (field.isPresent()) {
                out.put(count, GeminiFields.optInteger(field, 0, Long.MAX_VALUE).orElseThrow());
            }
        }
        for (String bound : new String[] {"minimum", "maximum"}) {
            JsonField field = GeminiFields.get(schema, bound);
            if (field.isPresent()) {
                BigDecimal value = number(field);
                if (value.stripTrailingZeros().scale() <= 0 && value.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
                    out.put(bound, value.longValue());
                } else {
                    out.put(bound, value.doubleValue());
                }
            }
        }
        JsonField fallback = GeminiFields.get(schema, "default");
        if (fallback.isPresent()) {
            out.set("default", fallback.node().deepCopy());
        }
        JsonField example = GeminiFields.get(schema, "example");
        if (example.isPresent()) {
            out.putArray("examples").add(example.node().deepCopy());
        }
        JsonField ordering = GeminiFields.get(schema, "propertyOrdering");
        if (ordering.isPresent()) {
            ordering.elements().forEach(JsonField::string);
        }
        return out;
    }

    /** A number, or a decimal string (protocol buffers print 64-bit integers as strings). */
    private static BigDecimal number(JsonField field) {
        JsonNode node = field.node();
        try {
            if (node.isNumber()) {
                return node.decimalValue();
            }
            if (node.isTextual()) {
                return new BigDecimal(node.textValue());
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw field.invalid("Invalid value at '" + field.path() + "': expected a number, got "
                + Json.brief(node.toString()) + ".");
    }
}
