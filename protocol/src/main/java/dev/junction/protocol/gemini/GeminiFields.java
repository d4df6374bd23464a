package dev.junction.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.JsonField;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;

/**
 * Field access in a Gemini request as Google's API reads it: every field may be spelled in
 * camelCase ({@code generationConfig}, what the SDKs send) or in snake_case
 * ({@code generation_config}, the protocol buffer's own name, which Google's REST API accepts
 * too); a name that is neither is a 400 in Google's words.
 */
final class GeminiFields {
    /** The longest number given as text that is read: a 64-bit integer has 20 characters at most. */
    private static final int MAX_NUMBER_TEXT = 32;
    private GeminiFields() {}

    /** The field {@code camel} of {@code object}, or its snake_case spelling when that is the one given. */
    static JsonField get(JsonField object, String camel) {
        JsonField field = object.field(camel);
        if (field.isPresent()) {
            return field;
        }
        String snake = snake(camel);
        if (!snake.equals(camel)) {
            JsonField other = object.field(snake);
            if (other.isPresent()) {
                return other;
            }
        }
        return field;
    }

    /**
     * Checks that {@code object} is an object whose every field, in either spelling, is one of
     * {@code camelNames}, and that no field is given twice in its two spellings.
     */
    static void allowOnly(JsonField object, Set<String> camelNames) {
        object.object();
        for (String name : object.names()) {
            String camel = camel(name);
            if (!camelNames.contains(camel)) {
                String where = object.path().isEmpty() ? "" : " at '" + object.path() + "'";
                throw object.field(name).invalid("Invalid JSON payload received. Unknown name \"" + name + "\""
                        + where + ": Cannot find field.");
            }
            if (!camel.equals(name) && object.field(camel).isPresent()) {
                throw object.field(name).invalid("Invalid JSON payload received. Field \"" + camel
                        + "\" is given twice (as \"" + camel + "\" and \"" + name + "\").");
            }
        }
    }

    /**
     * A whole number within [min, max], as protocol buffers read one: {@code 40}, {@code 40.0}
     * (what an SDK holding a float sends) or {@code "40"} (how 64-bit integers are printed).
     */
    static Optional<Long> optInteger(JsonField field, long min, long max) {
        if (field.isAbsent()) {
            return Optional.empty();
        }
        JsonNode node = field.node();
        BigDecimal value = null;
        try {
            if (node.isNumber()) {
                value = node.decimalValue();
            } else if (node.isTextual() && node.textValue().length() <= MAX_NUMBER_TEXT) {
                value = new BigDecimal(node.textValue().trim());
            }
        } catch (NumberFormatException e) {
            value = null;
        }
        if (value == null || value.stripTrailingZeros().scale() > 0) {
            throw field.invalid("Invalid value at '" + field.path() + "' (TYPE_INT32), "
                    + Json.brief(node.toString()));
        }
        if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw field.invalid(field.path() + " must be between " + min + " and " + max + ", got "
                    + value.stripTrailingZeros().toPlainString() + ".");
        }
        return Optional.of(value.longValueExact());
    }

    static Optional<Integer> optInt(JsonField field, int min, int max) {
        return optInteger(field, min, max).map(Long::intValue);
    }

    /** A number within [min, max]. */
    static Optional<Double> optNumber(JsonField field, double min, double max) {
        if (field.isAbsent()) {
            return Optional.empty();
        }
        if (!field.node().isNumber()) {
            throw field.invalid("Invalid value at '" + field.path() + "' (TYPE_FLOAT), "
                    + Json.brief(field.node().toString()));
        }
        double value = field.node().doubleValue();
        if (value < min || value > max) {
            throw field.invalid(field.path() + " must be between " + plain(min) + " and " + plain(max) + ", got "
                    + field.node().decimalValue().stripTrailingZeros().toPlainString() + ".");
        }
        return Optional.of(value);
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    static String snake(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String camel(String snake) {
        if (snake.indexOf('_') < 0) {
            return snake;
        }
        StringBuilder out = new StringBuilder(snake.length());
        boolean upper = false;
        for (int i = 0; i < snake.length(); i++) {
            char c = snake.charAt(i);
            if (c == '_' && i > 0) {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
