package dev.junction.mock.gemini;

import static dev.junction.mock.gemini.Requests.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SchemaInstanceTest {

    @Test
    void openApiSubsetSchemas() {
        assertThat(SchemaInstance.of(json("""
                {"type": "OBJECT", "properties": {
                   "location": {"type": "STRING"},
                   "count": {"type": "NUMBER", "minimum": 3.5},
                   "when": {"type": "STRING", "format": "date-time", "nullable": true},
                   "filters": {"type": "ARRAY", "items": {"type": "OBJECT", "properties": {"on": {"type": "BOOLEAN"}}}}},
                 "required": ["location"]}""")))
                .isEqualTo(json("""
                        {"location": "Beijing", "count": 3.5, "when": "2025-01-01T00:00:00Z", "filters": [{"on": true}]}"""));
    }

    @Test
    void jsonSchemaFeatures() {
        assertThat(SchemaInstance.of(json("""
                {"type": "object", "$defs": {"city": {"type": "string", "minLength": 10}},
                 "properties": {
                   "home": {"$ref": "#/$defs/city"},
                   "maybe": {"type": ["null", "integer"], "exclusiveMinimum": 5, "maximum": 9},
                   "choice": {"anyOf": [{"type": "null"}, {"type": "boolean"}]},
                   "fixed": {"const": "v2"},
                   "short": {"type": "string", "maxLength": 2},
                   "none": {"type": "array", "items": {"type": "string"}, "maxItems": 0}}}""")))
                .isEqualTo(json("""
                        {"home": "mockxxxxxx", "maybe": 6, "choice": true, "fixed": "v2", "short": "mo", "none": []}"""));
    }

    @Test
    void recursiveSchemasStopAtTheDepthBound() {
        String schema = """
                {"type": "object", "properties": {"child": {"$ref": "#"}, "name": {"type": "string"}}}""";
        String rendered = SchemaInstance.of(json(schema)).toString();
        int depth = rendered.split("child", -1).length - 1;
        assertThat(depth).isEqualTo(SchemaInstance.MAX_DEPTH);
    }

    @Test
    void noSchemaIsAnEmptyObject() {
        assertThat(SchemaInstance.of(null)).isEqualTo(json("{}"));
        assertThat(SchemaInstance.of(json("{\"type\": \"OBJECT\"}"))).isEqualTo(json("{}"));
    }
}
