package dev.junction.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.model.GatewayException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A value in a request body together with its path, spelled the way OpenAI reports a bad
 * parameter ({@code messages[2].content[0].image_url.url}). Every typed accessor either returns
 * the value or throws a {@link GatewayException} whose {@code param} is that path, so decoders
 * read hostile input without a single unchecked cast.
 *
 * <p>JSON {@code null} counts as absent, as OpenAI treats it for optional fields.
 */
public record JsonField(String path, JsonNode node) {

    public static JsonField root(JsonNode node) {
        return new JsonField("", node);
    }

    public JsonField field(String name) {
        JsonNode child = node.isObject() ? node.path(name) : MissingNode.getInstance();
        return new JsonField(path.isEmpty() ? name : path + "." + name, child);
    }

    public JsonField at(int index) {
        return new JsonField(path + "[" + index + "]", node.path(index));
    }

    public boolean isAbsent() {
        return node.isMissingNode() || node.isNull();
    }

    public boolean isPresent() {
        return !isAbsent();
    }

    /** The field names of an object, in order; empty for anything else. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    public String string() {
        require();
        if (!node.isTextual()) {
            throw wrongType("a string");
        }
        return node.textValue();
    }

    public Optional<String> optString() {
        return isAbsent() ? Optional.empty() : Optional.of(string());
    }

    public boolean bool() {
        require();
        if (!node.isBoolean()) {
            throw wrongType("a boolean");
        }
        return node.booleanValue();
    }

    public Optional<Boolean> optBool() {
        return isAbsent() ? Optional.empty() : Optional.of(bool());
    }

    public ObjectNode object() {
        require();
        if (!node.isObject()) {
            throw wrongType("an object");
        }
        return (ObjectNode) node;
    }

    /** The elements of an array, each with its own path. */
    public List<JsonField> elements() {
        require();
        if (!node.isArray()) {
            throw wrongType("an array");
        }
        ArrayNode array = (ArrayNode) node;
        List<JsonField> elements = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            elements.add(at(i));
        }
        return elements;
    }

    /** A number within [min, max]. */
    public Optional<Double> optDecimal(double min, double max) {
        if (isAbsent()) {
            return Optional.empty();
        }
        if (!node.isNumber()) {
            throw wrongType("a number");
        }
        BigDecimal value = node.decimalValue();
        if (value.compareTo(BigDecimal.valueOf(min)) < 0) {
            throw invalid("Invalid '" + path + "': number below minimum value. Expected a value >= "
                    + plain(min) + ", but got " + Json.brief(value) + " instead.");
        }
        if (value.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw invalid("Invalid '" + path + "': number above maximum value. Expected a value <= "
                    + plain(max) + ", but got " + Json.brief(value) + " instead.");
        }
        return Optional.of(value.doubleValue());
    }

    /** An integer within [min, max]; {@code 3.0} is not an integer, as in OpenAI's API. */
    public Optional<Long> optInteger(long min, long max) {
        if (isAbsent()) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber()) {
            throw wrongType("an integer");
        }
        BigDecimal value = node.decimalValue();
        if (value.compareTo(BigDecimal.valueOf(min)) < 0) {
            throw invalid("Invalid '" + path + "': integer below minimum value. Expected a value >= " + min
                    + ", but got " + Json.brief(value) + " instead.");
        }
        if (value.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw invalid("Invalid '" + path + "': integer above maximum value. Expected a value <= " + max
                    + ", but got " + Json.brief(value) + " instead.");
        }
        return Optional.of(value.longValueExact());
    }

    public Optional<Integer> optInt(int min, int max) {
        return optInteger(min, max).map(Long::intValue);
    }

    /** A 400 naming this field. */
    public GatewayException invalid(String message) {
        return GatewayException.invalid(path, message);
    }

    /** A 400 for a value of the wrong JSON type, worded as OpenAI words it. */
    public GatewayException wrongType(String expected) {
        return invalid("Invalid type for '" + path + "': expected " + expected + ", but got " + describe(node)
                + " instead.");
    }

    private void require() {
        if (isAbsent()) {
            throw invalid("Missing required parameter: '" + path + "'.");
        }
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> node.isIntegralNumber() ? "an integer" : "a decimal";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case NULL, MISSING -> "null";
            case BINARY -> "binary data";
        };
    }
}
