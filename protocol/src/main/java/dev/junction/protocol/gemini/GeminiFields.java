package dev.junction.protocol.gemini;

import dev.junction.protocol.JsonField;
import java.util.Optional;

/**
 * Field access for Gemini request bodies, which Google's REST API accepts in camelCase (its SDKs'
 * spelling) and in snake_case (its proto names, used by curl samples) alike.
 */
final class GeminiFields {
    private GeminiFields() {}

    /** The field under its camelCase name, or under its snake_case name when only that is given. */
    static JsonField get(JsonField object, String camel) {
        JsonField field = object.field(camel);
        if (field.isPresent()) {
            return field;
        }
        String snake = snake(camel);
        return snake.equals(camel) ? field : object.field(snake);
    }

    /** A number, integral or not (the Google SDKs send {@code topK} as a float). */
    static Optional<Double> number(JsonField field) {
        if (field.isAbsent()) {
            return Optional.empty();
        }
        if (!field.node().isNumber()) {
            throw field.wrongType("a number");
        }
        return Optional.of(field.node().doubleValue());
    }

    static Optional<Integer> integer(JsonField field, int min, int max) {
        Optional<Double> value = number(field);
        if (value.isPresent() && (value.get() < min || value.get() > max || value.get() != Math.floor(value.get()))) {
            throw field.invalid("Invalid value at '" + field.path() + "': expected an integer from " + min + " to "
                    + max + ".");
        }
        return value.map(Double::intValue);
    }

    private static String snake(String camel) {
        StringBuilder out = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
