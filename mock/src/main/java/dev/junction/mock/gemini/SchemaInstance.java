package dev.junction.mock.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a deterministic JSON instance that satisfies a schema: function-call {@code args} from a
 * declaration's {@code parameters} / {@code parametersJsonSchema}, and structured output from
 * {@code responseSchema} / {@code responseJsonSchema}.
 *
 * <p>Both schema dialects are read: Gemini's OpenAPI subset (upper-case {@code type}, {@code nullable})
 * and JSON Schema (lower-case or list {@code type}, {@code anyOf}/{@code oneOf}, {@code const},
 * local {@code $ref} into {@code $defs}/{@code definitions}). Every declared property is filled
 * (so {@code required} always holds); enums take their first value; strings are {@code "Beijing"}
 * for a property named like a city or location, a sample of their {@code format}, else
 * {@code "mock"}, fitted to {@code minLength}/{@code maxLength}; numbers are 1 moved into
 * {@code minimum}/{@code maximum}; booleans true; arrays hold {@code max(1, minItems)} items (at most
 * {@code maxItems}). Nesting deeper than {@value #MAX_DEPTH} levels (recursive schemas) ends in
 * empty objects and arrays.
 */
final class SchemaInstance {
    static final int MAX_DEPTH = 8;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonNode root;

    private SchemaInstance(JsonNode root) {
        this.root = root;
    }

    static JsonNode of(JsonNode schema) {
        if (schema == null || schema.isMissingNode() || schema.isNull()) {
            return NODES.objectNode();
        }
        return new SchemaInstance(schema).value(schema, "", 0);
    }

    private JsonNode value(JsonNode schema, String name, int depth) {
        schema = resolve(schema, 0);
        if (schema.has("const")) {
            return schema.get("const");
        }
        JsonNode enumValues = schema.path("enum");
        if (enumValues.isArray() && !enumValues.isEmpty()) {
            return enumValues.get(0);
        }
        for (String union : new String[] {"anyOf", "oneOf", "allOf"}) {
            JsonNode options = schema.path(union);
            if (options.isArray() && !options.isEmpty()) {
                return value(firstNonNull(options), name, depth);
            }
        }
        return switch (type(schema)) {
            case "object" -> object(schema, depth);
            case "array" -> array(schema, name, depth);
            case "integer", "number" -> numberNode(number(schema));
            case "boolean" -> NODES.booleanNode(true);
            case "null" -> NODES.nullNode();
            default -> NODES.textNode(string(schema, name));
        };
    }

    private ObjectNode object(JsonNode schema, int depth) {
        ObjectNode out = NODES.objectNode();
        if (depth >= MAX_DEPTH) {
            return out;
        }
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            out.set(property.getKey(), value(property.getValue(), property.getKey(), depth + 1));
        }
        return out;
    }

    private ArrayNode array(JsonNode schema, String name, int depth) {
        ArrayNode out = NODES.arrayNode();
        if (depth >= MAX_DEPTH) {
            return out;
        }
        int count = Math.min(Math.max(1, schema.path("minItems").asInt(1)), 16);
        if (schema.has("maxItems")) {
            count = Math.min(count, schema.path("maxItems").asInt());
        }
        JsonNode items = schema.path("items");
        for (int i = 0; i < count; i++) {
            out.add(items.isObject() ? value(items, name, depth + 1) : NODES.textNode("mock"));
        }
        return out;
    }

    /** Whole values as JSON integers ({@code 1}, not {@code 1.0}), as a model writes them. */
    private static JsonNode numberNode(java.math.BigDecimal value) {
        java.math.BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.abs().compareTo(java.math.BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
            return NODES.numberNode(stripped.intValueExact());
        }
        return NODES.numberNode(value);
    }

    private static java.math.BigDecimal number(JsonNode schema) {
        java.math.BigDecimal value = java.math.BigDecimal.ONE;
        JsonNode min = schema.path("minimum");
        if (min.isNumber() && value.compareTo(min.decimalValue()) < 0) {
            value = min.decimalValue();
        }
        JsonNode exclusiveMin = schema.path("exclusiveMinimum");
        if (exclusiveMin.isNumber() && value.compareTo(exclusiveMin.decimalValue()) <= 0) {
            value = exclusiveMin.decimalValue().add(java.math.BigDecimal.ONE, java.math.MathContext.DECIMAL64);
        }
        JsonNode max = schema.path("maximum");
        if (max.isNumber() && value.compareTo(max.decimalValue()) > 0) {
            value = max.decimalValue();
        }
        JsonNode exclusiveMax = schema.path("exclusiveMaximum");
        if (exclusiveMax.isNumber() && value.compareTo(exclusiveMax.decimalValue()) >= 0) {
            value = exclusiveMax.decimalValue().subtract(java.math.BigDecimal.ONE, java.math.MathContext.DECIMAL64);
        }
        return value;
    }

    private static String string(JsonNode schema, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String text = switch (schema.path("format").asText("")) {
            case "date-time" -> "2025-01-01T00:00:00Z";
            case "date" -> "2025-01-01";
            case "time" -> "12:00:00";
            case "email" -> "mock@example.com";
            case "uri", "url" -> "https://example.com/mock";
            case "uuid" -> "00000000-0000-4000-8000-000000000000";
            default -> lower.contains("city") || lower.contains("location") ? "Beijing" : "mock";
        };
        int min = schema.path("minLength").asInt(0);
        int max = schema.path("maxLength").asInt(Integer.MAX_VALUE);
        StringBuilder fitted = new StringBuilder(text);
        while (fitted.length() < min) {
            fitted.append('x');
        }
        if (fitted.length() > max) {
            fitted.setLength(Math.max(0, max));
        }
        return fitted.toString();
    }

    /** The schema's type in lower case; a list type takes its first non-null member. */
    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equalsIgnoreCase(t.asText())) {
                    return t.asText().toLowerCase(Locale.ROOT);
                }
            }
            return "null";
        }
        if (type.isTextual()) {
            return type.asText().toLowerCase(Locale.ROOT);
        }
        if (schema.has("properties")) {
            return "object";
        }
        return schema.has("items") ? "array" : "string";
    }

    private static JsonNode firstNonNull(JsonNode options) {
        for (JsonNode option : options) {
            if (!"null".equalsIgnoreCase(option.path("type").asText())) {
                return option;
            }
        }
        return options.get(0);
    }

    private JsonNode resolve(JsonNode schema, int hops) {
        JsonNode ref = schema.path("$ref");
        if (!ref.isTextual() || hops > MAX_DEPTH) {
            return schema;
        }
        String pointer = ref.asText();
        if (!pointer.startsWith("#")) {
            return NODES.objectNode(); // remote references are not followed
        }
        JsonNode target = root.at(pointer.substring(1));
        return target.isMissingNode() ? NODES.objectNode() : resolve(target, hops + 1);
    }
}
