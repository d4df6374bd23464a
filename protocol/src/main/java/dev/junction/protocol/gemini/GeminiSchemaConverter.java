package dev.junction.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.GatewayException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Converts a JSON Schema (what OpenAI tools declare) into Gemini's {@code Schema}, the OpenAPI
 * 3.0 subset that {@code functionDeclarations[].parameters} accepts.
 *
 * <p>Why convert rather than send {@code parametersJsonSchema}: {@code parameters} is accepted
 * by every Gemini model on both the Gemini API and Vertex AI, and Gemini rejects a whole request
 * over one unknown keyword there ("Unknown name additionalProperties"). Converting through a
 * whitelist means whatever schema a client sends (MCP servers send all of JSON Schema) either
 * arrives in a form Gemini takes or fails here with the tool's path. What is lost is what
 * Gemini would not enforce anyway.
 *
 * <ul>
 * <li>kept: {@code type} (upper-case, Gemini's enum names), {@code description}, {@code title},
 *     {@code properties}, {@code required} (only names that exist), {@code items},
 *     {@code enum} (strings), {@code nullable}, {@code anyOf}, {@code default}, {@code example},
 *     {@code minimum}/{@code maximum}, {@code minItems}/{@code maxItems},
 *     {@code minLength}/{@code maxLength}, {@code pattern}, {@code minProperties}/{@code maxProperties},
 *     and the formats Gemini knows ({@code date-time}, {@code enum}; {@code float}, {@code double};
 *     {@code int32}, {@code int64});</li>
 * <li>{@code type: [x, "null"]} and an {@code anyOf}/{@code oneOf} member {@code {type: null}}
 *     become {@code nullable: true}; several types become {@code anyOf}; {@code oneOf} becomes
 *     {@code anyOf}; {@code allOf} is merged; {@code const} becomes a one-value {@code enum};
 *     a non-string {@code enum} becomes a sentence in the description;</li>
 * <li>local {@code $ref}s ({@code #/$defs/..}, {@code #/definitions/..}, {@code #}) are
 *     inlined, at most {@value #MAX_REF_DEPTH} deep (a recursive schema is cut off there as a
 *     plain object); other {@code $ref}s are a 400;</li>
 * <li>dropped: {@code additionalProperties}, {@code $schema}, {@code $id}, {@code strict},
 *     {@code patternProperties}, {@code not}, conditionals and other formats; an array without
 *     {@code items} gets string items (Gemini requires items); a property whose schema allows
 *     anything ({@code {}}) is left out, since Gemini has no "any" type;</li>
 * <li>a schema larger than {@value #MAX_NODES} nodes after inlining is a 400.</li>
 * </ul>
 */
final class GeminiSchemaConverter {
    static final int MAX_REF_DEPTH = 8;
    static final int MAX_NODES = 10_000;

    /** In output order; a list, not a set, so that the JSON Junction sends is the same on every run. */
    private static final List<String> COPIED = List.of("title", "description", "default", "example", "minimum",
            "maximum", "minItems", "maxItems", "minLength", "maxLength", "pattern", "minProperties", "maxProperties");
    private static final Map<String, Set<String>> FORMATS = Map.of(
            "STRING", Set.of("date-time", "enum"),
            "NUMBER", Set.of("float", "double"),
            "INTEGER", Set.of("int32", "int64"));

    private final JsonNode root;
    private final String param;
    private int nodes;

    private GeminiSchemaConverter(JsonNode root, String param) {
        this.root = root;
        this.param = param;
    }

    /**
     * The Gemini form of a tool's {@code parameters}; empty when it declares no properties
     * (Gemini then wants no {@code parameters} at all).
     *
     * @param param the request path of the schema, named by the 400 when it cannot be converted
     */
    static Optional<ObjectNode> parameters(ObjectNode schema, String param) {
        Optional<ObjectNode> converted = new GeminiSchemaConverter(schema, param).convert(schema, 0);
        return converted.filter(s -> !"OBJECT".equals(s.path("type").asText()) || !s.path("properties").isEmpty());
    }

    private Optional<ObjectNode> convert(JsonNode schema, int refDepth) {
        if (++nodes > MAX_NODES) {
            throw GatewayException.invalid(param, "Invalid '" + param + "': the schema has more than " + MAX_NODES
                    + " nodes once its $refs are inlined.");
        }
        if (!schema.isObject()) {
            return Optional.empty(); // true, false or garbage: nothing Gemini can state
        }
        ObjectNode s = (ObjectNode) schema;
        if (s.has("$ref")) {
            return refDepth >= MAX_REF_DEPTH ? Optional.of(cutOff(inlineRef(s))) : convert(inlineRef(s), refDepth + 1);
        }
        if (s.path("allOf").isArray()) {
            return convert(mergeAllOf(s), refDepth);
        }
        JsonNode union = s.has("anyOf") ? s.get("anyOf") : s.get("oneOf");
        if (union != null && union.isArray()) {
            return anyOf(s, union, refDepth);
        }
        return typed(s, refDepth);
    }

    private Optional<ObjectNode> anyOf(ObjectNode s, JsonNode union, int refDepth) {
        List<ObjectNode> members = new ArrayList<>();
        boolean nullable = false;
        for (JsonNode member : union) {
            if ("null".equals(member.path("type").asText())) {
                nullable = true;
            } else {
                convert(member, refDepth).ifPresent(members::add);
            }
        }
        if (members.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode out;
        if (members.size() == 1) {
            out = members.getFirst();
        } else {
            out = Json.MAPPER.createObjectNode();
            out.putArray("anyOf").addAll(members);
        }
        copyAnnotations(s, out);
        if (nullable) {
            out.put("nullable", true);
        }
        return Optional.of(out);
    }

    private Optional<ObjectNode> typed(ObjectNode s, int refDepth) {
        List<String> types = new ArrayList<>();
        boolean nullable = false;
        JsonNode type = s.get("type");
        if (type != null && type.isArray()) {
            for (JsonNode t : type) {
                if ("null".equals(t.asText())) {
                    nullable = true;
                } else {
                    types.add(t.asText());
                }
            }
        } else if (type != null && type.isTextual()) {
            types.add(type.asText());
        } else {
            inferType(s).ifPresent(types::add);
        }
        if (types.isEmpty()) {
            return nullable ? Optional.of(nullOnly(s)) : Optional.empty();
        }
        ObjectNode out;
        if (types.size() == 1) {
            out = single(s, types.getFirst().toUpperCase(Locale.ROOT), refDepth);
        } else {
            out = Json.MAPPER.createObjectNode();
            ArrayNode anyOf = out.putArray("anyOf");
            for (String t : types) {
                anyOf.add(single(s, t.toUpperCase(Locale.ROOT), refDepth));
            }
            copyAnnotations(s, out);
        }
        if (nullable) {
            out.put("nullable", true);
        }
        return Optional.of(out);
    }

    private ObjectNode single(ObjectNode s, String type, int refDepth) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("type", type);
        String format = s.path("format").asText("");
        if (FORMATS.getOrDefault(type, Set.of()).contains(format)) {
            out.put("format", format);
        }
        copyAnnotations(s, out);
        enumValues(s, type, out);
        switch (type) {
            case "OBJECT" -> properties(s, out, refDepth);
            case "ARRAY" -> {
                JsonNode items = s.path("items").isArray() ? s.path("items").path(0) : s.path("items");
                out.set("items", convert(items, refDepth).orElseGet(() -> stringSchema()));
            }
            default -> { }
        }
        return out;
    }

    private void properties(ObjectNode s, ObjectNode out, int refDepth) {
        JsonNode properties = s.path("properties");
        if (!properties.isObject() || properties.isEmpty()) {
            return;
        }
        ObjectNode converted = out.putObject("properties");
        properties.properties().forEach(p -> convert(p.getValue(), refDepth).ifPresent(c -> converted.set(p.getKey(), c)));
        ArrayNode required = Json.MAPPER.createArrayNode();
        for (JsonNode name : s.path("required")) {
            if (name.isTextual() && converted.has(name.asText())) {
                required.add(name.asText());
            }
        }
        if (!required.isEmpty()) {
            out.set("required", required);
        }
    }

    private static void enumValues(ObjectNode s, String type, ObjectNode out) {
        ArrayNode values = Json.MAPPER.createArrayNode();
        if (s.path("enum").isArray()) {
            values.addAll((ArrayNode) s.get("enum"));
        } else if (s.has("const")) {
            values.add(s.get("const"));
        }
        if (values.isEmpty()) {
            return;
        }
        boolean allStrings = true;
        for (JsonNode v : values) {
            allStrings &= v.isTextual();
        }
        if (allStrings && type.equals("STRING")) {
            out.set("enum", values);
        } else {
            List<String> texts = new ArrayList<>();
            values.forEach(v -> texts.add(v.toString()));
            String sentence = "Allowed values: " + String.join(", ", texts) + ".";
            String description = out.path("description").asText("");
            out.put("description", description.isEmpty() ? sentence : description + " " + sentence);
        }
    }

    private static Optional<String> inferType(ObjectNode s) {
        if (s.has("properties")) {
            return Optional.of("object");
        }
        if (s.has("items")) {
            return Optional.of("array");
        }
        if (s.has("enum") || s.path("const").isTextual()) {
            return Optional.of("string");
        }
        return Optional.empty();
    }

    private static void copyAnnotations(ObjectNode from, ObjectNode to) {
        for (String key : COPIED) {
            boolean annotation = key.equals("default") || key.equals("example") || from.path(key).isValueNode();
            if (from.has(key) && !to.has(key) && annotation) {
                to.set(key, from.get(key).deepCopy());
            }
        }
    }

    private ObjectNode inlineRef(ObjectNode s) {
        String ref = s.path("$ref").asText("");
        JsonNode target = resolve(ref);
        ObjectNode merged = target.isObject() ? ((ObjectNode) target).deepCopy() : Json.MAPPER.createObjectNode();
        s.properties().forEach(e -> {
            if (!e.getKey().equals("$ref")) {
                merged.set(e.getKey(), e.getValue()); // siblings of $ref (a description, say) win
            }
        });
        return merged;
    }

    private JsonNode resolve(String ref) {
        if (ref.equals("#")) {
            return root;
        }
        if (!ref.startsWith("#/")) {
            throw GatewayException.invalid(param, "Invalid '" + param + "': only local $refs (#/$defs/...) are supported,"
                    + " got '" + Json.brief(ref) + "'.");
        }
        JsonNode target = root.at(ref.substring(1));
        if (target.isMissingNode()) {
            throw GatewayException.invalid(param, "Invalid '" + param + "': the $ref '" + Json.brief(ref) + "' points nowhere.");
        }
        return target;
    }

    private ObjectNode mergeAllOf(ObjectNode s) {
        ObjectNode merged = s.deepCopy();
        merged.remove("allOf");
        for (JsonNode part : s.get("allOf")) {
            JsonNode member = part.has("$ref") ? inlineRef((ObjectNode) part) : part;
            if (!member.isObject()) {
                continue;
            }
            member.properties().forEach(e -> {
                switch (e.getKey()) {
                    case "properties" -> {
                        if (e.getValue().isObject()) {
                            if (!merged.path("properties").isObject()) {
                                merged.putObject("properties");
                            }
                            ((ObjectNode) merged.get("properties")).setAll((ObjectNode) e.getValue());
                        }
                    }
                    case "required" -> {
                        if (e.getValue().isArray()) {
                            if (!merged.path("required").isArray()) {
                                merged.putArray("required");
                            }
                            ((ArrayNode) merged.get("required")).addAll((ArrayNode) e.getValue());
                        }
                    }
                    default -> {
                        if (!merged.has(e.getKey())) {
                            merged.set(e.getKey(), e.getValue());
                        }
                    }
                }
            });
        }
        return merged;
    }

    private static ObjectNode cutOff(ObjectNode s) {
        ObjectNode out = Json.MAPPER.createObjectNode().put("type", "OBJECT");
        copyAnnotations(s, out);
        return out;
    }

    private static ObjectNode nullOnly(ObjectNode s) {
        ObjectNode out = Json.MAPPER.createObjectNode().put("type", "NULL");
        copyAnnotations(s, out);
        return out;
    }

    private static ObjectNode stringSchema() {
        return Json.MAPPER.createObjectNode().put("type", "STRING");
    }
}
