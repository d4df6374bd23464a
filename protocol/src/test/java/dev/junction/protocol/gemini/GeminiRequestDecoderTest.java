package dev.junction.protocol.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.ChatRequest;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import dev.junction.protocol.model.Message;
import dev.junction.protocol.model.Part;
import dev.junction.protocol.model.ReasoningConfig;
import dev.junction.protocol.model.ResponseFormat;
import dev.junction.protocol.model.Role;
import dev.junction.protocol.model.Sampling;
import dev.junction.protocol.model.ThinkingLevel;
import dev.junction.protocol.model.Tool;
import dev.junction.protocol.model.ToolChoice;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Gemini generateContent bodies, as Google's SDKs and REST callers send them, in canonical terms. */
class GeminiRequestDecoderTest {
    private static ChatRequest decode(String json) {
        return GeminiRequestDecoder.decode(json.getBytes(StandardCharsets.UTF_8), "claude-sonnet-4-5", false);
    }

    private static GatewayError rejected(String json) {
        try {
            decode(json);
        } catch (GatewayException e) {
            assertThat(e.error().kind()).isEqualTo(GatewayError.Kind.INVALID_REQUEST);
            return e.error();
        }
        throw new AssertionError("accepted: " + json);
    }

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    @Test
    void aFullConversationBecomesCanonical() throws Exception {
        ChatRequest request = GeminiRequestDecoder.decode("""
                {"systemInstruction": {"role": "system", "parts": [{"text": "Be brief."}, {"text": "Be kind."}]},
                 "contents": [
                   {"role": "user", "parts": [{"text": "Look"},
                     {"inlineData": {"mimeType": "image/png", "data": "iVBORw0KGgo="}},
                     {"fileData": {"mimeType": "application/pdf", "fileUri": "https://example.com/a.pdf"}}]},
                   {"role": "model", "parts": [
                     {"text": "Let me ", "thought": true}, {"text": "think.", "thought": true, "thoughtSignature": "c2ln"},
                     {"text": "Checking."},
                     {"functionCall": {"id": "toolu_1", "name": "get_weather", "args": {"city": "Paris"}}},
                     {"functionCall": {"name": "get_time", "args": {}}, "thoughtSignature": "dHM="}]},
                   {"role": "user", "parts": [
                     {"functionResponse": {"name": "get_time", "response": {"output": "noon"}}},
                     {"functionResponse": {"id": "toolu_1", "name": "get_weather", "response": {"error": "down"}}},
                     {"text": "thanks"}]}]}""".getBytes(StandardCharsets.UTF_8), "claude-sonnet-4-5", true);

        assertThat(request.model()).isEqualTo("claude-sonnet-4-5");
        assertThat(request.stream()).isTrue();
        assertThat(request.includeUsage()).isTrue();
        assertThat(request.system()).containsExactly(Part.Text.of("Be brief."), Part.Text.of("Be kind."));
        List<Message> messages = request.messages();
        assertThat(messages).extracting(Message::role)
                .containsExactly(Role.USER, Role.ASSISTANT, Role.TOOL, Role.TOOL, Role.USER);
        assertThat(messages.get(0).parts()).containsExactly(Part.Text.of("Look"),
                new Part.Blob("image/png", "iVBORw0KGgo="),
                new Part.FileRef(Optional.of("application/pdf"), "https://example.com/a.pdf",
                        Optional.of("contents[0].parts[2].fileData.fileUri")));
        assertThat(messages.get(1).parts()).containsExactly(
                new Part.Reasoning("Let me think.", Optional.of("c2ln")),
                Part.Text.of("Checking."),
                new Part.ToolCall("toolu_1", "get_weather", "{\"city\":\"Paris\"}", Optional.empty()),
                new Part.ToolCall("call_1_4", "get_time", "{}", Optional.of("dHM=")));
        assertThat(messages.get(2).parts()).containsExactly(
                new Part.ToolResult("call_1_4", "get_time", "{\"output\":\"noon\"}", false));
        assertThat(messages.get(3).parts()).containsExactly(
                new Part.ToolResult("toolu_1", "get_weather", "{\"error\":\"down\"}", true));
        assertThat(messages.get(4).parts()).containsExactly(Part.Text.of("thanks"));
        assertThat(request.tools()).isEmpty();
        assertThat(request.toolChoice()).isEmpty();
        assertThat(request.sampling()).isEqualTo(Sampling.defaults());
        assertThat(request.reasoning()).isEqualTo(ReasoningConfig.none());
        assertThat(request.responseFormat()).isEqualTo(new ResponseFormat.Text());
    }

    @Test
    void generationConfigIsSamplingFormatAndThinking() throws Exception {
        ChatRequest request = decode("""
                {"contents": [{"parts": [{"text": "hi"}]}],
                 "generationConfig": {"temperature": 1.5, "topP": 0.9, "topK": 40.0, "maxOutputTokens": 512,
                   "stopSequences": ["END", "STOP"], "candidateCount": 1, "seed": 7, "presencePenalty": 0.5,
                   "frequencyPenalty": -0.5, "responseMimeType": "application/json",
                   "responseJsonSchema": {"type": "object", "additionalProperties": false},
                   "thinkingConfig": {"thinkingBudget": 2048, "includeThoughts": true}}}""");
        Sampling s = request.sampling();
        assertThat(s.temperature()).contains(1.5);
        assertThat(s.topP()).contains(0.9);
        assertThat(s.topK()).as("an SDK holding a float sends 40.0").contains(40);
        assertThat(s.maxOutputTokens()).contains(512);
        assertThat(s.stop()).containsExactly("END", "STOP");
        assertThat(s.candidateCount()).contains(1);
        assertThat(s.seed()).contains(7L);
        assertThat(s.presencePenalty()).contains(0.5);
        assertThat(s.frequencyPenalty()).contains(-0.5);
        assertThat(request.responseFormat()).isEqualTo(new ResponseFormat.JsonSchema("response",
                (com.fasterxml.jackson.databind.node.ObjectNode) json("{\"type\":\"object\",\"additionalProperties\":false}"),
                true));
        assertThat(request.reasoning()).isEqualTo(new ReasoningConfig(Optional.empty(), Optional.of(2048),
                Optional.empty(), true));
    }

    @Test
    void snakeCaseIsReadAsCamelCaseIs() {
        ChatRequest request = decode("""
                {"system_instruction": {"parts": [{"text": "Be brief."}]},
                 "contents": [{"role": "user", "parts": [{"inline_data": {"mime_type": "image/png", "data": "iVBORw0KGgo="}}]}],
                 "tool_config": {"function_calling_config": {"mode": "ANY", "allowed_function_names": ["f"]}},
                 "tools": [{"function_declarations": [{"name": "f", "parameters_json_schema": {"type": "object"}},
                                                       {"name": "g"}]}],
                 "generation_config": {"max_output_tokens": 9, "stop_sequences": ["X"], "top_k": 3,
                   "response_mime_type": "application/json",
                   "thinking_config": {"thinking_level": "low", "include_thoughts": true}}}""");
        assertThat(request.system()).containsExactly(Part.Text.of("Be brief."));
        assertThat(request.messages().get(0).parts()).containsExactly(new Part.Blob("image/png", "iVBORw0KGgo="));
        assertThat(request.tools()).extracting(Tool::name).as("only the allowed functions").containsExactly("f");
        assertThat(request.toolChoice()).contains(new ToolChoice.Named("f"));
        assertThat(request.sampling().maxOutputTokens()).contains(9);
        assertThat(request.sampling().stop()).containsExactly("X");
        assertThat(request.sampling().topK()).contains(3);
        assertThat(request.responseFormat()).isEqualTo(new ResponseFormat.JsonObject());
        assertThat(request.reasoning()).isEqualTo(new ReasoningConfig(Optional.empty(), Optional.empty(),
                Optional.of(ThinkingLevel.LOW), true));
    }

    @Test
    void functionDeclarationsKeepTheirSchemaAsJsonSchema() throws Exception {
        ChatRequest request = decode("""
                {"contents": [{"parts": [{"text": "hi"}]}],
                 "tools": [{"functionDeclarations": [
                   {"name": "get_weather", "description": "Weather",
                    "parameters": {"type": "OBJECT", "properties": {
                        "city": {"type": "STRING", "description": "the city", "example": "Paris"},
                        "unit": {"type": "STRING", "enum": ["c", "f"], "nullable": true, "format": "enum"},
                        "days": {"type": "INTEGER", "minimum": 1, "maximum": 7},
                        "tags": {"type": "ARRAY", "items": {"type": "STRING"}, "minItems": "1"}},
                      "required": ["city"], "propertyOrdering": ["city", "unit"]}},
                   {"name": "raw", "parametersJsonSchema": {"type": "object", "properties": {"x": {"const": 1}}}}]}],
                 "toolConfig": {"functionCallingConfig": {"mode": "NONE"}}}""");
        assertThat(request.tools()).hasSize(2);
        Tool weather = request.tools().get(0);
        assertThat(weather.description()).contains("Weather");
        assertThat(weather.parameters().orElseThrow().toString()).isEqualTo(json("""
                {"type": "object", "required": ["city"], "properties": {
                  "city": {"type": "string", "description": "the city", "examples": ["Paris"]},
                  "unit": {"type": ["string", "null"], "enum": ["c", "f"]},
                  "days": {"type": "integer", "minimum": 1, "maximum": 7},
                  "tags": {"type": "array", "items": {"type": "string"}, "minItems": 1}}}""").toString());
        assertThat(request.tools().get(1).parameters().orElseThrow())
                .isEqualTo(json("{\"type\": \"object\", \"properties\": {\"x\": {\"const\": 1}}}"));
        assertThat(request.toolChoice()).contains(new ToolChoice.None());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "AUTO | auto", "VALIDATED | auto", "ANY | required", "NONE | none"})
    void callingModes(String mode, String expected) {
        ChatRequest request = decode("""
                {"contents": [{"parts": [{"text": "hi"}]}],
                 "tools": [{"functionDeclarations": [{"name": "f"}, {"name": "g"}]}],
                 "toolConfig": {"functionCallingConfig": {"mode": "%s"}}}""".formatted(mode));
        ToolChoice choice = request.toolChoice().orElseThrow();
        assertThat(switch (choice) {
            case ToolChoice.Auto a -> "auto";
            case ToolChoice.Required r -> "required";
            case ToolChoice.None n -> "none";
            case ToolChoice.Named n -> "named";
        }).isEqualTo(expected);
        assertThat(request.tools()).hasSize(2);
    }

    @Test
    void aThoughtSignatureJunctionWrappedComesBackAsTheVendorWroteIt() {
        String wire = ForeignSignatures.toWire("not base64!");
        assertThat(Base64.getDecoder().decode(wire)).isNotEmpty();
        ChatRequest request = decode("""
                {"contents": [{"role": "user", "parts": [{"text": "hi"}]},
                  {"role": "model", "parts": [{"text": "hm", "thought": true, "thoughtSignature": "%s"},
                                              {"text": "Hello", "thoughtSignature": "AAEC"}]},
                  {"parts": [{"text": "again"}]}]}""".formatted(wire));
        assertThat(request.messages().get(1).parts()).containsExactly(
                new Part.Reasoning("hm", Optional.of("not base64!")), new Part.Text("Hello", Optional.of("AAEC")));
        assertThat(ForeignSignatures.toWire("AAEC")).as("canonical base64 goes as it is").isEqualTo("AAEC");
    }

    @Test
    void countTokensTakesContentsOrAWholeRequest() {
        ChatRequest plain = GeminiRequestDecoder.decodeCount("""
                {"contents": [{"parts": [{"text": "count me"}]}]}""".getBytes(StandardCharsets.UTF_8), "m");
        assertThat(plain.messages().get(0).parts()).containsExactly(Part.Text.of("count me"));
        ChatRequest whole = GeminiRequestDecoder.decodeCount("""
                {"generateContentRequest": {"model": "models/m", "systemInstruction": {"parts": [{"text": "sys"}]},
                  "contents": [{"parts": [{"text": "count me"}]}]}}""".getBytes(StandardCharsets.UTF_8), "m");
        assertThat(whole.system()).containsExactly(Part.Text.of("sys"));
        assertThatThrownBy(() -> GeminiRequestDecoder.decodeCount("""
                {"contents": [{"parts": [{"text": "a"}]}], "generateContentRequest": {}}"""
                .getBytes(StandardCharsets.UTF_8), "m")).isInstanceOf(GatewayException.class)
                .hasMessageContaining("not both");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        // what Google's API does not have
        "{\"contents\": [{\"parts\": [{\"text\": \"hi\"}]}], \"foo\": 1} | Unknown name \"foo\": Cannot find field.",
        "{\"contents\": [{\"parts\": [{\"text\": \"hi\"}]}], \"generationConfig\": {\"temprature\": 1}} | Unknown name \"temprature\" at 'generationConfig'",
        "{\"contents\": [{\"parts\": [{\"txt\": \"hi\"}]}]} | Unknown name \"txt\" at 'contents[0].parts[0]'",
        // malformed values
        "{\"contents\": []} | contents is not specified",
        "{\"contents\": [{\"parts\": []}]} | contents.parts must not be empty",
        "{\"contents\": [{\"role\": \"assistant\", \"parts\": [{\"text\": \"hi\"}]}]} | valid role: user, model",
        "{\"contents\": [{\"parts\": [{\"text\": 5}]}]} | expected a string",
        "{\"contents\": [{\"parts\": [{\"text\": \"a\", \"inlineData\": {\"mimeType\": \"image/png\", \"data\": \"AAAA\"}}]}]} | exactly one of",
        "{\"contents\": [{\"parts\": [{\"inlineData\": {\"mimeType\": \"image/png\", \"data\": \"%%%%\"}}]}]} | Base64 decoding failed",
        "{\"contents\": [{\"parts\": [{\"text\": \"hi\"}]}], \"generationConfig\": {\"temperature\": 3}} | between 0 and 2",
        "{\"contents\": [{\"parts\": [{\"text\": \"hi\"}]}], \"generationConfig\": {\"maxOutputTokens\": 1.5}} | TYPE_INT32",
        "{\"contents\": [{\"parts\": [{\"text\": \"hi\"}]}], \"generationConfig\": {\"stopSequences\": [\"a\",\"b\",\"c\",\"d\",\"e\",\"f\"]}} | at most 5",
        "{\"contents\": [{\"parts\": [{\"text\": \"hi\"}]}], \"generationConfig\": {\"thinkingConfig\": {\"thinkingBudget\": 10, \"thinkingLevel\": \"HIGH\"}}} | only one of thinking budget and thinking level",
        "{\"contents\": [{\"parts\": [{\"text\": \"hi\"}]}], \"generationConfig\": {\"thinkingConfig\": {\"thinkingLevel\": \"huge\"}}} | MINIMAL, LOW, MEDIUM or HIGH",
        "{\"contents\": [{\"parts\": [{\"text\": \"hi\"}]}], \"generationConfig\": {\"responseSchema\": {\"type\": \"OBJECT\"}}} | needs responseMimeType 'application/json'",
        "{\"contents\": [{\"parts\": [{\"text\": \"hi\"}]}], \"generationConfig\": {\"responseSchema\": {\"type\": \"THING\"}, \"responseMimeType\": \"application/json\"}} | THING",
        "{\"contents\": [{\"parts\": [{\"text\": \"hi\"}]}], \"tools\": [{\"functionDeclarations\": [{\"name\": \"f\", \"parameters\": {\"type\": \"OBJECT\", \"additionalProperties\": false}}]}]} | Unknown name \"additionalProperties\"",
        "{\"contents\": [{\"parts\": [{\"text\": \"hi\"}]}], \"tools\": [{\"functionDeclarations\": [{\"name\": \"f\"}, {\"name\": \"f\"}]}]} | declared twice",
        "{\"contents\": [{\"parts\": [{\"text\": \"hi\"}]}], \"toolConfig\": {\"functionCallingConfig\": {\"mode\": \"ANY\", \"allowedFunctionNames\": [\"nope\"]}}} | not one of the declared functions",
        "{\"contents\": [{\"parts\": [{\"functionResponse\": {\"name\": \"f\", \"response\": {}}}]}]} | no functionCall with name 'f'",
        "{\"contents\": [{\"parts\": [{\"functionCall\": {\"name\": \"f\"}}]}]} | belongs in a content with role 'model'",
        // what only Gemini can do
        "{\"contents\": [{\"parts\": [{\"text\": \"hi\"}]}], \"generationConfig\": {\"candidateCount\": 2}} | candidateCount must be 1",
        "{\"contents\": [{\"parts\": [{\"text\": \"hi\"}]}], \"generationConfig\": {\"responseMimeType\": \"text/x.enum\"}} | not 'text/x.enum'",
        "{\"contents\": [{\"parts\": [{\"text\": \"hi\"}]}], \"generationConfig\": {\"responseModalities\": [\"IMAGE\"]}} | text only",
        "{\"contents\": [{\"parts\": [{\"text\": \"hi\"}]}], \"generationConfig\": {\"speechConfig\": {}}} | speech and image output",
        "{\"contents\": [{\"parts\": [{\"text\": \"hi\"}]}], \"tools\": [{\"googleSearch\": {}}]} | googleSearch is served by Gemini models only",
        "{\"contents\": [{\"parts\": [{\"text\": \"hi\"}]}], \"tools\": [{\"code_execution\": {}}]} | codeExecution is served by Gemini models only",
        "{\"contents\": [{\"parts\": [{\"text\": \"hi\"}]}], \"cachedContent\": \"cachedContents/abc\"} | context caches are Gemini's",
        "{\"contents\": [{\"parts\": [{\"executableCode\": {\"language\": \"PYTHON\", \"code\": \"1\"}}]}]} | relayed to Gemini models only",
    })
    void badFieldsAreA400WithAShortMessage(String body, String message) {
        GatewayError error = rejected(body);
        assertThat(error.message()).contains(message).hasSizeLessThan(300);
    }

    @Test
    void notJsonIsA400() {
        assertThatThrownBy(() -> decode("{\"contents\": ")).isInstanceOf(GatewayException.class)
                .hasMessageContaining("Invalid JSON payload received");
        assertThatThrownBy(() -> decode("[1]")).isInstanceOf(GatewayException.class)
                .hasMessageContaining("must be a JSON object");
    }
}
