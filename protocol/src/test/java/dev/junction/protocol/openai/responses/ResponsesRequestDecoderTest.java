package dev.junction.protocol.openai.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.protocol.model.ChatRequest;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import dev.junction.protocol.model.Part;
import dev.junction.protocol.model.ReasoningEffort;
import dev.junction.protocol.model.ResponseFormat;
import dev.junction.protocol.model.Role;
import dev.junction.protocol.model.ToolChoice;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Responses API requests read into the canonical model, and the 400s that bad ones get. */
class ResponsesRequestDecoderTest {
    private static ResponsesRequest decode(String json) {
        return ResponsesRequestDecoder.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    private static GatewayError error(String json) {
        try {
            decode(json);
        } catch (GatewayException e) {
            return e.error();
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void assistantItemsFormOneTurnAndResultsGetTheirFunctionName() {
        ChatRequest chat = decode("""
                {"model":"m","input":[
                  {"role":"user","content":"q"},
                  {"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"t"}],"encrypted_content":"seal"},
                  {"type":"message","role":"assistant","content":[{"type":"output_text","text":"Let me look."}]},
                  {"type":"function_call","call_id":"c1","name":"f","arguments":"{\\"a\\":1}"},
                  {"type":"function_call","call_id":"c2","name":"g","arguments":""},
                  {"type":"function_call_output","call_id":"c2","output":"plain text"},
                  {"type":"function_call_output","call_id":"c1","output":[{"type":"input_text","text":"{\\"ok\\":true}"}]}
                ]}""").chat();

        assertThat(chat.messages()).extracting(m -> m.role()).containsExactly(Role.USER, Role.ASSISTANT, Role.TOOL);
        assertThat(chat.messages().get(1).parts()).containsExactly(
                new Part.Reasoning("t", Optional.of("seal")),
                Part.Text.of("Let me look."),
                new Part.ToolCall("c1", "f", "{\"a\":1}", Optional.empty()),
                new Part.ToolCall("c2", "g", "{}", Optional.empty()));
        assertThat(chat.messages().get(2).parts()).containsExactly(
                new Part.ToolResult("c2", "g", "\"plain text\""),
                new Part.ToolResult("c1", "f", "{\"ok\":true}"));
    }

    @Test
    void reasoningWithoutASealIsDroppedAndTheRestIsMapped() {
        ResponsesRequest request = decode("""
                {"model":"m","instructions":"sys","input":[
                  {"role":"system","content":"more sys"},
                  {"type":"reasoning","summary":[{"type":"summary_text","text":"t"}]},
                  {"role":"user","content":"q"}],
                 "reasoning":{"effort":"xhigh","summary":"detailed"},
                 "text":{"format":{"type":"json_object"}},
                 "tools":[{"type":"function","name":"f","parameters":{"type":"object"},"strict":false}],
                 "tool_choice":"required","max_output_tokens":100,"stream":true,
                 "include":["reasoning.encrypted_content"]}""");
        ChatRequest chat = request.chat();

        assertThat(chat.system()).containsExactly(Part.Text.of("sys"), Part.Text.of("more sys"));
        assertThat(chat.messages()).hasSize(1);
        assertThat(chat.reasoning().effort()).contains(ReasoningEffort.HIGH);
        assertThat(chat.reasoning().includeThoughts()).isTrue();
        assertThat(chat.responseFormat()).isEqualTo(new ResponseFormat.JsonObject());
        assertThat(chat.tools().get(0).strict()).isFalse();
        assertThat(chat.toolChoice()).contains(new ToolChoice.Required());
        assertThat(chat.sampling().maxOutputTokens()).contains(100);
        assertThat(chat.stream()).isTrue();
        assertThat(chat.includeUsage()).isTrue();
        assertThat(request.encryptedReasoning()).isTrue();
        assertThat(request.echo().path("reasoning").path("effort").asText()).isEqualTo("xhigh");
        assertThat(request.echo().path("tool_choice").asText()).isEqualTo("required");
        assertThat(request.echo().at("/text/format/type").asText()).isEqualTo("json_object");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"input":"hi"}                                                              | model
            {"model":"m"}                                                               | input
            {"model":"m","input":[]}                                                    | input
            {"model":"m","input":true}                                                  | input
            {"model":"m","input":[{"role":"system","content":"only instructions"}]}     | input
            {"model":"m","input":[{"type":"computer_call_output"}]}                     | input[0].type
            {"model":"m","input":[{"type":"item_reference","id":"msg_1"}]}              | input[0].type
            {"model":"m","input":[{"role":"tool","content":"x"}]}                       | input[0].role
            {"model":"m","input":[{"role":"user","content":[{"type":"input_audio"}]}]}  | input[0].content[0].type
            {"model":"m","input":[{"role":"user","content":[{"type":"input_image","file_id":"file-1"}]}]} | input[0].content[0].file_id
            {"model":"m","input":[{"role":"user","content":[{"type":"input_image","image_url":"ftp://x/y.png"}]}]} | input[0].content[0].image_url
            {"model":"m","input":[{"role":"user","content":[{"type":"input_file","file_data":"abc"}]}]} | input[0].content[0].file_data
            {"model":"m","input":[{"type":"function_call","call_id":"c","name":"f","arguments":"[1]"}]} | input[0].arguments
            {"model":"m","input":[{"type":"function_call_output","call_id":"nope","output":"x"}]} | input[0].call_id
            {"model":"m","input":"hi","previous_response_id":"resp_1"}                 | previous_response_id
            {"model":"m","input":"hi","conversation":"conv_1"}                         | conversation
            {"model":"m","input":"hi","background":true}                               | background
            {"model":"m","input":"hi","tools":[{"type":"web_search_preview"}]}         | tools[0].type
            {"model":"m","input":"hi","tools":[{"type":"file_search"}]}                | tools[0].type
            {"model":"m","input":"hi","tools":[{"type":"function","name":"bad name"}]} | tools[0].name
            {"model":"m","input":"hi","tool_choice":{"type":"function","name":"f"}}    | tool_choice.name
            {"model":"m","input":"hi","tool_choice":"sometimes"}                       | tool_choice
            {"model":"m","input":"hi","max_output_tokens":15}                          | max_output_tokens
            {"model":"m","input":"hi","temperature":3}                                 | temperature
            {"model":"m","input":"hi","reasoning":{"effort":"max"}}                    | reasoning.effort
            {"model":"m","input":"hi","text":{"format":{"type":"xml"}}}                | text.format.type
            {"model":"m","input":"hi","text":{"format":{"type":"json_schema","schema":{}}}} | text.format.name
            {"model":"m","input":"hi","include":"reasoning.encrypted_content"}         | include
            {"model":"m","input":"hi","top_logprobs":5}                                | top_logprobs
            """)
    void badRequestsAre400sNamingTheField(String body, String param) {
        GatewayError error = error(body);
        assertThat(error.kind()).isEqualTo(GatewayError.Kind.INVALID_REQUEST);
        assertThat(error.param()).as(error.message()).contains(param);
        assertThat(error.message()).isNotBlank();
    }

    @Test
    void notJsonIsA400WithoutParam() {
        assertThat(error("not json").kind()).isEqualTo(GatewayError.Kind.INVALID_REQUEST);
        assertThat(error("[1]").param()).isEmpty();
    }
}
