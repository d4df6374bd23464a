package dev.junction.mock.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * A request field as Google parses it: proto3 JSON accepts the lowerCamelCase name and the
 * original snake_case name alike ({@code inlineData} and {@code inline_data}), so the mock must
 * too. The snake name is computed once, when the key is declared.
 */
record WireKey(String camel, String snake) {

    static WireKey of(String camel) {
        StringBuilder snake = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                snake.append('_').append(Character.toLowerCase(c));
            } else {
                snake.append(c);
            }
        }
        return new WireKey(camel, snake.toString());
    }

    /** The field's value under either spelling, or a missing node. */
    JsonNode in(JsonNode node) {
        if (node == null || !node.isObject()) {
            return MissingNode.getInstance();
        }
        JsonNode value = node.get(camel);
        if (value == null && !snake.equals(camel)) {
            value = node.get(snake);
        }
        return value == null ? MissingNode.getInstance() : value;
    }

    boolean presentIn(JsonNode node) {
        JsonNode value = in(node);
        return !value.isMissingNode() && !value.isNull();
    }
}
