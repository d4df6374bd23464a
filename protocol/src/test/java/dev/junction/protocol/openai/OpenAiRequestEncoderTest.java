package dev.junction.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.ChatRequest;
import dev.junction.protocol.model.GatewayException;
import dev.junction.protocol.model.Message;
import dev.junction.protocol.model.Part;
import dev.junction.protocol.model.ReasoningConfig;
import dev.junction.protocol.model.ResponseFormat;
import dev.junction.protocol.model.Role;
import dev.junction.protocol.model.Sampling;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Canonical requests written as OpenAI Chat Completions bodies for OpenAI-compatible vendors. */
class OpenAiRequestEncoderTest {
    private static JsonNode encode(ChatRequest request) throws Exception {
        return Json.MAPPER.readTree(OpenAiRequestEncoder.encode(request, "deepseek-chat"));
    }

    private static ChatRequest decoded(String openAiBody) {
        return OpenAiRequestDecoder.decode(openAiBody.getBytes(StandardCharsets.UTF_8));
    }

    private static ChatRequest conversation(List<Message> messages, ReasoningConfig reasoning) {
        return new ChatRequest("m", List.of(), messages, List.of(), Optional.empty(), Sampling.defaults(), reasoning,
                new ResponseFormat.Text(), false, false, Optional.empty());
    }

    @Test
    void samplingToolsAndFormatGoUnderOpenAisNames() throws Exception {
        JsonNode body = encode(decoded("""
                {"model":"x","messages":[{"role":"system","content":"S1"},{"role":"developer","content":"S2"},
                 {"role":"user","content":"hi"}],
                 "temperature":0.7,"top_p":0.9,"max_completion_tokens":99,"stop":["END"],"n":2,"seed":7,
                 "presence_penalty":0.1,"frequency_penalty":0.2,"top_k":5,
                 "tools":[{"type":"function","function":{"name":"f","description":"d","strict":true,
                   "parameters":{"type":"object","properties":{"a":{"type":"string"}}}}}],
                 "tool_choice":{"type":"function","function":{"name":"f"}},
                 "response_format":{"type":"json_schema","json_schema":{"name":"r","strict":true,
                   "schema":{"type":"object"}}},
                 "reasoning_effort":"medium","stream":true}"""));
        assertThat(body.path("model").asText()).isEqualTo("deepseek-chat");
        assertThat(body.at("/messages/0").toString()).isEqualTo("{\"role\":\"system\",\"content\":\"S1\\n\\nS2\"}");
        assertThat(body.at("/messages/1").toString()).isEqualTo("{\"role\":\"user\",\"content\":\"hi\"}");
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.7);
        assertThat(body.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(99);
        assertThat(body.at("/stop/0").asText()).isEqualTo("END");
        assertThat(body.path("n").asInt()).isEqualTo(2);
        assertThat(body.path("seed").asInt()).isEqualTo(7);
        assertThat(body.has("top_k")).isFalse();
        assertThat(body.at("/tools/0/function/strict").asBoolean()).isTrue();
        assertThat(body.at("/tools/0/function/parameters/properties/a/type").asText()).isEqualTo("string");
        assertThat(body.at("/tool_choice/function/name").asText()).isEqualTo("f");
        assertThat(body.at("/response_format/json_schema/name").asText()).isEqualTo("r");
        assertThat(body.at("/response_format/json_schema/strict").asBoolean()).isTrue();
        assertThat(body.path("reasoning_effort").asText()).isEqualTo("medium");
        assertThat(body.at("/stream_options/include_usage").asBoolean()).as("always, to meter").isTrue();
    }

    @Test
    void toolTurnsKeepTheirIdsAndThoughtsAreNotSentBack() throws Exception {
        JsonNode body = encode(conversation(List.of(
                new Message(Role.USER, List.of(Part.Text.of("weather?"))),
                new Message(Role.ASSISTANT, List.of(new Part.Reasoning("hmm", Optional.empty()),
                        new Part.ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}", Optional.empty()))),
                new Message(Role.TOOL, List.of(new Part.ToolResult("call_1", "get_weather", "\"sunny\""))),
                new Message(Role.TOOL, List.of(new Part.ToolResult("call_2", "get_time", "{\"h\":3}")))),
                ReasoningConfig.none()));
        JsonNode assistant = body.at("/messages/1");
        assertThat(assistant.path("content").isNull()).isTrue();
        assertThat(assistant.has("reasoning_content")).isFalse();
        assertThat(assistant.at("/tool_calls/0/id").asText()).isEqualTo("call_1");
        assertThat(assistant.at("/tool_calls/0/function/arguments").asText()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(body.at("/messages/2").toString())
                .isEqualTo("{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"sunny\"}");
        assertThat(body.at("/messages/3/content").asText()).isEqualTo("{\"h\":3}");
    }

    @Test
    void mediaIsInlineAsOpenAiReadsIt() throws Exception {
        JsonNode body = encode(conversation(List.of(new Message(Role.USER, List.of(Part.Text.of("look"),
                new Part.Blob("image/png", "iVBORw0KGgo="), new Part.Blob("audio/wav", "UklGRg=="),
                new Part.Blob("application/pdf", "JVBERi0="),
                new Part.FileRef(Optional.of("image/jpeg"), "https://example.com/a.jpg")))), ReasoningConfig.none()));
        JsonNode content = body.at("/messages/0/content");
        assertThat(content.at("/0/text").asText()).isEqualTo("look");
        assertThat(content.at("/1/image_url/url").asText()).isEqualTo("data:image/png;base64,iVBORw0KGgo=");
        assertThat(content.at("/2/input_audio/format").asText()).isEqualTo("wav");
        assertThat(content.at("/3/file/file_data").asText()).isEqualTo("data:application/pdf;base64,JVBERi0=");
        assertThat(content.at("/3/file/filename").asText()).isEqualTo("file.pdf");
        assertThat(content.at("/4/image_url/url").asText()).isEqualTo("https://example.com/a.jpg");
        assertThatThrownBy(() -> encode(conversation(List.of(new Message(Role.USER, List.of(
                new Part.FileRef(Optional.empty(), "gs://bucket/a.png", Optional.of("messages[0].content[0]"))))),
                ReasoningConfig.none())))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.error().param()).contains("messages[0].content[0]"));
    }

    @Test
    void geminiThinkingBecomesAnEffort() {
        assertThat(OpenAiRequestEncoder.effort(new ReasoningConfig(Optional.empty(), Optional.of(0), Optional.empty(),
                false))).contains("none");
        assertThat(OpenAiRequestEncoder.effort(new ReasoningConfig(Optional.empty(), Optional.of(1024),
                Optional.empty(), true))).contains("low");
        assertThat(OpenAiRequestEncoder.effort(new ReasoningConfig(Optional.empty(), Optional.of(24576),
                Optional.empty(), true))).contains("high");
        assertThat(OpenAiRequestEncoder.effort(new ReasoningConfig(Optional.empty(), Optional.of(-1),
                Optional.empty(), true))).as("dynamic: the model's default").isEmpty();
        assertThat(OpenAiRequestEncoder.effort(ReasoningConfig.none())).isEmpty();
    }
}
