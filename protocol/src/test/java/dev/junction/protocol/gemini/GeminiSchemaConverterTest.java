package dev.junction.protocol.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.GatewayException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GeminiSchemaConverterTest {

    private static ObjectNode schema(String json) throws Exception {
        return (ObjectNode) Json.MAPPER.readTree(json.replace('\'', '"'));
    }

    private static Optional<ObjectNode> convert(String json) throws Exception {
        return GeminiSchemaConverter.parameters(schema(json), "tools[0].function.parameters");
    }

    @Test
    void recursiveRefsAreCutOffAtTheDepthBound() throws Exception {
        ObjectNode out = convert("{'type':'object','properties':{'root':{'$ref':'#/$defs/Node'}},"
                + "'$defs':{'Node':{'type':'object','description':'a node','properties':{'child':{'$ref':'#/$defs/Node'}}}}}")
                .orElseThrow();
        JsonNode node = out.path("properties").path("root");
        int depth = 0;
        while (node.path("properties").has("child")) {
            node = node.path("properties").path("child");
            depth++;
        }
        assertThat(depth).isEqualTo(GeminiSchemaConverter.MAX_REF_DEPTH);
        assertThat(node.has("properties")).as("the cut-off node").isFalse();
        assertThat(node.path("type").asText()).isEqualTo("OBJECT");
        assertThat(node.path("description").asText()).isEqualTo("a node");
    }

    @Test
    void refToTheRootAndDefinitionsWork() throws Exception {
        ObjectNode out = convert("{'type':'object','definitions':{'Id':{'type':'string','format':'uuid'}},"
                + "'properties':{'id':{'$ref':'#/definitions/Id','description':'the id'}}}").orElseThrow();
        assertThat(out.path("properties").path("id").toString()).isEqualTo("{\"type\":\"STRING\",\"description\":\"the id\"}");
    }

    @Test
    void remoteRefsAndDanglingRefsAre400sNamingTheTool() throws Exception {
        GatewayException remote = catchThrowableOfType(GatewayException.class,
                () -> convert("{'type':'object','properties':{'a':{'$ref':'https://example.com/s.json'}}}"));
        assertThat(remote.error().param()).contains("tools[0].function.parameters");
        assertThat(remote.error().message()).contains("only local $refs");
        GatewayException dangling = catchThrowableOfType(GatewayException.class,
                () -> convert("{'type':'object','properties':{'a':{'$ref':'#/$defs/Missing'}}}"));
        assertThat(dangling.error().message()).contains("points nowhere");
    }

    @Test
    void exponentialRefFanOutIsBounded() throws Exception {
        StringBuilder defs = new StringBuilder("'L0':{'type':'string'}");
        for (int i = 1; i <= 20; i++) {
            defs.append(",'L").append(i).append("':{'type':'object','properties':{'a':{'$ref':'#/$defs/L").append(i - 1)
                    .append("'},'b':{'$ref':'#/$defs/L").append(i - 1).append("'}}}");
        }
        String json = "{'type':'object','$defs':{" + defs + "},'properties':{'x':{'$ref':'#/$defs/L20'}}}";
        // 2^20 leaves if inlined blindly; the depth bound keeps it to a few hundred nodes.
        assertThat(convert(json).orElseThrow().toString().length()).isLessThan(100_000);
    }

    @Test
    void aSchemaOverTheNodeBoundIsA400() throws Exception {
        StringBuilder properties = new StringBuilder();
        for (int i = 0; i <= GeminiSchemaConverter.MAX_NODES; i++) {
            properties.append(i == 0 ? "" : ",").append("'p").append(i).append("':{'type':'string'}");
        }
        GatewayException e = catchThrowableOfType(GatewayException.class,
                () -> convert("{'type':'object','properties':{" + properties + "}}"));
        assertThat(e.error().message()).contains("more than " + GeminiSchemaConverter.MAX_NODES + " nodes");
    }

    @Test
    void allOfIsMerged() throws Exception {
        ObjectNode out = convert("{'allOf':[{'type':'object','properties':{'a':{'type':'string'}},'required':['a']},"
                + "{'properties':{'b':{'type':'integer'}},'required':['b']}]}").orElseThrow();
        assertThat(out.path("properties").has("a")).isTrue();
        assertThat(out.path("properties").has("b")).isTrue();
        assertThat(out.path("required").toString()).isEqualTo("[\"a\",\"b\"]");
    }

    @Test
    void severalTypesBecomeAnyOf() throws Exception {
        ObjectNode out = convert("{'type':'object','properties':{'v':{'type':['string','integer','null']}}}").orElseThrow();
        assertThat(out.path("properties").path("v").toString())
                .isEqualTo("{\"anyOf\":[{\"type\":\"STRING\"},{\"type\":\"INTEGER\"}],\"nullable\":true}");
    }

    @Test
    void objectsWithoutPropertiesDeclareNoParameters() throws Exception {
        assertThat(convert("{'type':'object'}")).isEmpty();
        assertThat(convert("{'type':'object','properties':{}}")).isEmpty();
        assertThat(convert("{}")).isEmpty();
    }

    @Test
    void hostileShapesDoNotThrowUnchecked() throws Exception {
        assertThat(convert("{'type':'object','properties':{'a':true,'b':5,'c':{'type':7}},'required':'a'}")).isNotNull();
        assertThat(convert("{'allOf':[5,{'properties':3,'required':{}}]}")).isNotNull();
        assertThat(convert("{'anyOf':{}}")).isNotNull();
    }
}
