package dev.junction.gateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.junction.protocol.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Hostile request bodies made from one valid body: every value in it, at every depth (the whole
 * body included), replaced by each value of the wrong type or of an absurd size; the body nested
 * ten thousand deep, cut short, or given bytes that are not UTF-8. Each body is named after what
 * was done to it, so a failing case says which.
 */
public final class HostileBodies {
    /**
     * A body and what was done to make it; the bytes are made when asked for, so that hundreds
     * of megabyte-sized bodies are never held at once.
     */
    public record Body(String name, java.util.function.Supplier<byte[]> maker) {
        public Body(String name, byte[] bytes) {
            this(name, () -> bytes);
        }

        public Body(String name, String text) {
            this(name, text.getBytes(StandardCharsets.UTF_8));
        }

        static Body later(String name, java.util.function.Supplier<String> text) {
            return new Body(name, () -> text.get().getBytes(StandardCharsets.UTF_8));
        }

        public byte[] bytes() {
            return maker.get();
        }
    }

    /** The JSON literals each value is replaced with, by name. */
    public static final Map<String, String> REPLACEMENTS = replacements();

    private static final String MARK = "\u0001hostile\u0001";
    private static final int DEEP = 10_000;

    private HostileBodies() {}

    private static Map<String, String> replacements() {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        values.put("null", "null");
        values.put("number", "-12.5");
        values.put("huge exponent", "1e999999999");
        values.put("5000-digit integer", "9".repeat(5000));
        values.put("string", "\"hostile\"");
        values.put("1 MB string", "\"" + "x".repeat(1024 * 1024) + "\"");
        values.put("array", "[1,\"two\",{\"three\":3}]");
        values.put("object", "{\"hostile\":{\"k\":\"v\"}}");
        values.put("boolean", "true");
        return java.util.Collections.unmodifiableMap(values);
    }

    /** Every value of {@code base} (the root too) replaced by each of {@link #REPLACEMENTS}. */
    public static List<Body> wrongTypes(String base) {
        JsonNode root = parse(base);
        List<String> paths = new ArrayList<>();
        collect(root, "", paths);
        List<Body> bodies = new ArrayList<>();
        for (String path : paths) {
            String marked = mark(root, path);
            for (Map.Entry<String, String> value : REPLACEMENTS.entrySet()) {
                String name = (path.isEmpty() ? "the body" : path) + " = " + value.getKey();
                bodies.add(Body.later(name, () -> marked.replace(quoted(MARK), value.getValue())));
            }
        }
        return bodies;
    }

    /** Ten thousand levels of arrays and of objects, as the whole body and in place of {@code fields}. */
    public static List<Body> deepNesting(String base, List<String> fields) {
        String arrays = "[".repeat(DEEP) + "]".repeat(DEEP);
        String objects = "{\"a\":".repeat(DEEP) + "1" + "}".repeat(DEEP);
        String open = "[".repeat(DEEP);
        List<Body> bodies = new ArrayList<>();
        bodies.add(new Body("the body = 10k nested arrays", arrays));
        bodies.add(new Body("the body = 10k nested objects", objects));
        bodies.add(new Body("the body = 10k unclosed arrays", open));
        JsonNode root = parse(base);
        for (String field : fields) {
            String marked = mark(root, field);
            bodies.add(Body.later(field + " = 10k nested arrays", () -> marked.replace(quoted(MARK), arrays)));
            bodies.add(Body.later(field + " = 10k nested objects", () -> marked.replace(quoted(MARK), objects)));
        }
        return bodies;
    }

    /** Bytes that are not UTF-8 inside a string value of {@code base}, inside a field name, and alone. */
    public static List<Body> invalidUtf8(String base, String textField) {
        Map<String, byte[]> sequences = new java.util.LinkedHashMap<>();
        sequences.put("a lone continuation byte", new byte[] {(byte) 0x80});
        sequences.put("0xFF", new byte[] {(byte) 0xFF});
        sequences.put("a cut two-byte sequence", new byte[] {(byte) 0xC3});
        sequences.put("an overlong slash", new byte[] {(byte) 0xC0, (byte) 0xAF});
        sequences.put("an encoded surrogate", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
        sequences.put("a code point past U+10FFFF", new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80});
        String marked = mark(parse(base), textField);
        int at = marked.indexOf(quoted(MARK));
        byte[] before = (marked.substring(0, at) + "\"Hi ").getBytes(StandardCharsets.UTF_8);
        byte[] after = ("\"" + marked.substring(at + quoted(MARK).length())).getBytes(StandardCharsets.UTF_8);
        byte[] baseBytes = base.getBytes(StandardCharsets.UTF_8);
        List<Body> bodies = new ArrayList<>();
        sequences.forEach((name, bytes) -> {
            bodies.add(new Body(textField + " holds " + name, concat(before, bytes, after)));
            bodies.add(new Body("a field name holds " + name, concat("{\"".getBytes(StandardCharsets.UTF_8), bytes,
                    "\":1,".getBytes(StandardCharsets.UTF_8), java.util.Arrays.copyOfRange(baseBytes, 1,
                            baseBytes.length))));
            bodies.add(new Body("the body is " + name, bytes));
        });
        bodies.add(new Body("a NUL escape in " + textField, concat(before, "\\u0000".getBytes(StandardCharsets.UTF_8),
                after)));
        bodies.add(new Body("a lone surrogate escape in " + textField, concat(before,
                "\\ud800".getBytes(StandardCharsets.UTF_8), after)));
        bodies.add(new Body("a UTF-8 byte order mark first", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                baseBytes)));
        bodies.add(new Body("UTF-16", base.getBytes(StandardCharsets.UTF_16)));
        return bodies;
    }

    /** {@code base} cut after 1 byte, before its last, and at ten points between. */
    public static List<Body> truncated(String base) {
        byte[] bytes = base.getBytes(StandardCharsets.UTF_8);
        List<Body> bodies = new ArrayList<>();
        java.util.Set<Integer> cuts = new java.util.TreeSet<>();
        cuts.add(1);
        cuts.add(bytes.length - 1);
        for (int i = 1; i <= 10; i++) {
            cuts.add(bytes.length * i / 11);
        }
        for (int cut : cuts) {
            bodies.add(new Body("cut after " + cut + " of " + bytes.length + " bytes",
                    java.util.Arrays.copyOf(bytes, cut)));
        }
        return bodies;
    }

    /** Bodies that are not one JSON object, or barely. */
    public static List<Body> oddDocuments(String base) {
        return List.of(
                new Body("an empty body", ""),
                new Body("whitespace only", " \r\n\t "),
                new Body("a JSON null", "null"),
                new Body("an empty object", "{}"),
                new Body("an empty array", "[]"),
                new Body("a JSON string", "\"" + base.replace("\"", "\\\"") + "\""),
                new Body("the body twice", base + base),
                new Body("trailing garbage", base + "garbage"),
                new Body("a comment first", "/* hi */" + base),
                new Body("NaN", base.substring(0, base.length() - 1) + ",\"x\":NaN}"),
                new Body("single quotes", base.replace('"', '\'')),
                Body.later("1 MB of whitespace first", () -> " ".repeat(1024 * 1024) + base),
                Body.later("100k fields", () -> "{" + "\"f\":1,".repeat(100_000) + base.substring(1)),
                Body.later("a 100 KB field name", () -> "{\"" + "n".repeat(100 * 1024) + "\":1," + base.substring(1)),
                Body.later("a 1 MB number", () -> base.substring(0, base.length() - 1) + ",\"x\":"
                        + "1".repeat(1024 * 1024) + "}"),
                Body.later("an escaped 1 MB string", () -> base.substring(0, base.length() - 1) + ",\"x\":\""
                        + "\\u0041".repeat(170_000) + "\"}"));
    }

    private static void collect(JsonNode node, String path, List<String> paths) {
        paths.add(path);
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                collect(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), paths);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path + "[" + i + "]", paths);
            }
        }
    }

    /** {@code root} written out with the value at {@code path} replaced by a marker string. */
    private static String mark(JsonNode root, String path) {
        if (path.isEmpty()) {
            return quoted(MARK);
        }
        JsonNode copy = root.deepCopy();
        JsonNode parent = copy;
        List<String> steps = steps(path);
        for (int i = 0; i < steps.size() - 1; i++) {
            parent = step(parent, steps.get(i));
        }
        String last = steps.get(steps.size() - 1);
        if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), TextNode.valueOf(MARK));
        } else {
            ((ObjectNode) parent).set(last, TextNode.valueOf(MARK));
        }
        try {
            return Json.MAPPER.writeValueAsString(copy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode step(JsonNode node, String step) {
        return node.isArray() ? node.get(Integer.parseInt(step)) : node.get(step);
    }

    private static List<String> steps(String path) {
        List<String> steps = new ArrayList<>();
        for (String part : path.split("\\.")) {
            int bracket = part.indexOf('[');
            if (bracket < 0) {
                steps.add(part);
                continue;
            }
            if (bracket > 0) {
                steps.add(part.substring(0, bracket));
            }
            for (String index : part.substring(bracket + 1).split("\\[")) {
                steps.add(index.replace("]", ""));
            }
        }
        return steps;
    }

    private static String quoted(String text) {
        try {
            return Json.MAPPER.writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
