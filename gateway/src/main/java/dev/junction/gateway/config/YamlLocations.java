package dev.junction.gateway.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The line of every key and array element in a YAML document, by JSON pointer, so that a value
 * rejected after the document became a tree can still be reported at its line.
 */
final class YamlLocations {
    private final Map<String, Integer> lines;

    private YamlLocations(Map<String, Integer> lines) {
        this.lines = lines;
    }

    /** One level of nesting: an object (with the key being read) or an array (with the index). */
    private static final class Frame {
        final boolean array;
        String key = "";
        int index;

        Frame(boolean array) {
            this.array = array;
        }

        String segment() {
            return array ? Integer.toString(index) : key.replace("~", "~0").replace("/", "~1");
        }
    }

    static YamlLocations of(String yaml) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        List<Frame> stack = new ArrayList<>();
        try (JsonParser parser = new YAMLFactory().createParser(yaml)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                int line = parser.currentTokenLocation().getLineNr();
                Frame top = stack.isEmpty() ? null : stack.get(stack.size() - 1);
                switch (token) {
                    case FIELD_NAME -> {
                        top.key = parser.currentName();
                        lines.put(pointer(stack), line);
                    }
                    case START_OBJECT, START_ARRAY -> {
                        if (top != null && top.array) {
                            lines.putIfAbsent(pointer(stack), line);
                        }
                        stack.add(new Frame(token == JsonToken.START_ARRAY));
                    }
                    case END_OBJECT, END_ARRAY -> {
                        stack.remove(stack.size() - 1);
                        valueDone(stack);
                    }
                    default -> {
                        if (top != null && top.array) {
                            lines.putIfAbsent(pointer(stack), line);
                        }
                        valueDone(stack);
                    }
                }
            }
        }
        return new YamlLocations(lines);
    }

    private static void valueDone(List<Frame> stack) {
        if (!stack.isEmpty() && stack.get(stack.size() - 1).array) {
            stack.get(stack.size() - 1).index++;
        }
    }

    private static String pointer(List<Frame> stack) {
        StringBuilder pointer = new StringBuilder();
        for (Frame frame : stack) {
            pointer.append('/').append(frame.segment());
        }
        return pointer.toString();
    }

    /** The line of the key, or of its nearest enclosing key. */
    Optional<Integer> lineOf(String pointer) {
        String p = pointer;
        while (!p.isEmpty()) {
            Integer line = lines.get(p);
            if (line != null) {
                return Optional.of(line);
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
        return Optional.empty();
    }
}
