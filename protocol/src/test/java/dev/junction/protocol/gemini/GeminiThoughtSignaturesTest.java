package dev.junction.protocol.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.junction.protocol.Json;
import org.junit.jupiter.api.Test;

class GeminiThoughtSignaturesTest {

    private static ArrayNode contents(String json) throws Exception {
        return (ArrayNode) Json.MAPPER.readTree(json.replace('\'', '"'));
    }

    @Test
    void onlyTheFirstCallOfEachCurrentTurnStepGetsTheBypass() throws Exception {
        ArrayNode contents = contents("["
                + "{'role':'user','parts':[{'text':'old turn'}]},"
                + "{'role':'model','parts':[{'functionCall':{'name':'a','args':{}}}]},"
                + "{'role':'user','parts':[{'functionResponse':{'name':'a','response':{}}}]},"
                + "{'role':'user','parts':[{'text':'new turn'}]},"
                + "{'role':'model','parts':[{'text':'thinking aloud'},{'functionCall':{'name':'b','args':{}}},{'functionCall':{'name':'c','args':{}}}]},"
                + "{'role':'user','parts':[{'functionResponse':{'name':'b','response':{}}},{'functionResponse':{'name':'c','response':{}}}]},"
                + "{'role':'model','parts':[{'functionCall':{'name':'d','args':{}},'thoughtSignature':'real'}]},"
                + "{'role':'user','parts':[{'functionResponse':{'name':'d','response':{}}}]}]");
        GeminiThoughtSignatures.fillCurrentTurn(contents);
        assertThat(contents.get(1).path("parts").get(0).has("thoughtSignature")).as("old turn untouched").isFalse();
        assertThat(contents.get(4).path("parts").get(0).has("thoughtSignature")).as("text part untouched").isFalse();
        assertThat(contents.get(4).path("parts").get(1).path("thoughtSignature").asText()).isEqualTo(GeminiThoughtSignatures.BYPASS);
        assertThat(contents.get(4).path("parts").get(2).has("thoughtSignature")).as("second parallel call").isFalse();
        assertThat(contents.get(6).path("parts").get(0).path("thoughtSignature").asText()).isEqualTo("real");
    }

    @Test
    void aConversationWithoutUserTextIsOneTurn() throws Exception {
        ArrayNode contents = contents("[{'role':'model','parts':[{'functionCall':{'name':'a','args':{}}}]}]");
        GeminiThoughtSignatures.fillCurrentTurn(contents);
        assertThat(contents.get(0).path("parts").get(0).path("thoughtSignature").asText()).isEqualTo(GeminiThoughtSignatures.BYPASS);
    }
}
