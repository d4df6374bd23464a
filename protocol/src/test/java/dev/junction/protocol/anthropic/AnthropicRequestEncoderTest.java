package dev.junction.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.ChatRequest;
import dev.junction.protocol.model.GatewayException;
import dev.junction.protocol.model.Message;
import dev.junction.protocol.model.Part;
import dev.junction.protocol.model.ReasoningConfig;
import dev.junction.protocol.model.ReasoningEffort;
import dev.junction.protocol.model.ResponseFormat;
import dev.junction.protocol.model.Role;
import dev.junction.protocol.model.Sampling;
import dev.junction.protocol.model.Tool;
import dev.junction.protocol.model.ToolChoice;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Canonical requests written as Messages API bodies, field by field as Anthropic documents them. */
class AnthropicRequestEncoderTest {
    private static ChatRequest request(List<Part> system, List<Message> messages, Sampling sampling,
            ReasoningConfig reasoning, List<Tool> tools, Optional<ToolChoice> choice) {
        return new ChatRequest("claude", system, messages, tools, choice, sampling, reasoning, new ResponseFormat.Text(),
                false, false, Optional.empty());
    }

    private static ChatRequest simple(List<Message> messages) {
        return request(List.of(), messages, Sampling.defaults(), ReasoningConfig.none(), List.of(), Optional.empty());
    }

    private static JsonNode encode(ChatRequest request) throws Exception {
        return Json.MAPPER.readTree(AnthropicRequestEncoder.encode(request, "claude-sonnet-4-5"));
    }

    private static Sampling maxTokens(int max) {
        Sampling d = Sampling.defaults();
        return new Sampling(d.temperature(), d.topP(), Optional.of(5), Optional.of(max), List.of("\n\nHuman:"),
                d.candidateCount(), d.seed(), d.presencePenalty(), d.frequencyPenalty(), false, Optional.empty());
    }

    @Test
    void conversationMediaToolsAndResults() throws Exception {
        Part.ToolCall call = new Part.ToolCall("toolu_1", "get_weather", "{\"city\":\"Paris\"}", Optional.empty());
        ChatRequest request = request(List.of(Part.Text.of("Be brief.")), List.of(
                new Message(Role.USER, List.of(Part.Text.of("What is here?"), new Part.Blob("image/jpg", "/9j/4AAQ"),
                        new Part.FileRef(Optional.empty(), "https://example.com/cat.png"),
                        new Part.FileRef(Optional.of("application/pdf"), "https://example.com/a.pdf"))),
                new Message(Role.ASSISTANT, List.of(Part.Text.of(""), call)),
                new Message(Role.TOOL, List.of(new Part.ToolResult("toolu_1", "get_weather", "\"sunny\"", true))),
                new Message(Role.USER, List.of(Part.Text.of("And tomorrow?")))),
                maxTokens(300), ReasoningConfig.none(),
                List.of(new Tool("get_weather", Optional.of("Weather"), Optional.empty(), false)),
                Optional.of(new ToolChoice.Required()));
        JsonNode body = encode(request);

        assertThat(body.path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(300);
        assertThat(body.path("top_k").asInt()).isEqualTo(5);
        assertThat(body.at("/stop_sequences/0").asText()).isEqualTo("\n\nHuman:");
        assertThat(body.at("/system/0/text").asText()).isEqualTo("Be brief.");
        JsonNode messages = body.path("messages");
        assertThat(messages).hasSize(3);
        JsonNode user = messages.at("/0/content");
        assertThat(user.at("/1/source/type").asText()).isEqualTo("base64");
        assertThat(user.at("/1/source/media_type").asText()).isEqualTo("image/jpeg");
        assertThat(user.at("/2/type").asText()).isEqualTo("image");
        assertThat(user.at("/2/source/url").asText()).isEqualTo("https://example.com/cat.png");
        assertThat(user.at("/3/type").asText()).isEqualTo("document");
        assertThat(user.at("/3/source/type").asText()).isEqualTo("url");
        assertThat(messages.at("/1/content")).as("the empty text is left out").hasSize(1);
        assertThat(messages.at("/1/content/0/input/city").asText()).isEqualTo("Paris");
        JsonNode answer = messages.at("/2/content");
        assertThat(answer.at("/0/type").asText()).as("the tool result comes first in its turn").isEqualTo("tool_result");
        assertThat(answer.at("/0/content").asText()).isEqualTo("sunny");
        assertThat(answer.at("/0/is_error").asBoolean()).isTrue();
        assertThat(answer.at("/1/text").asText()).isEqualTo("And tomorrow?");
        assertThat(body.at("/tools/0/input_schema/type").asText()).isEqualTo("object");
        assertThat(body.at("/tool_choice/type").asText()).isEqualTo("any");
    }

    @Test
    void effortIsABudgetBelowMaxTokensWithADefaultMaxTokens() throws Exception {
        ReasoningConfig high = new ReasoningConfig(Optional.of(ReasoningEffort.HIGH), Optional.empty(), Optional.empty(), true);
        JsonNode noMax = encode(request(List.of(), List.of(new Message(Role.USER, List.of(Part.Text.of("hi")))),
                Sampling.defaults(), high, List.of(), Optional.empty()));
        assertThat(noMax.at("/thinking/type").asText()).isEqualTo("enabled");
        assertThat(noMax.at("/thinking/budget_tokens").asInt()).isEqualTo(24576);
        assertThat(noMax.path("max_tokens").asInt()).isEqualTo(24576 + AnthropicRequestEncoder.DEFAULT_MAX_TOKENS);

        JsonNode fitted = encode(request(List.of(), List.of(new Message(Role.USER, List.of(Part.Text.of("hi")))),
                maxTokens(2000), high, List.of(), Optional.empty()));
        assertThat(fitted.at("/thinking/budget_tokens").asInt()).isEqualTo(1999);

        assertThatThrownBy(() -> encode(request(List.of(), List.of(new Message(Role.USER, List.of(Part.Text.of("hi")))),
                maxTokens(1024), high, List.of(), Optional.empty())))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.error().param()).contains("max_tokens"));

        ReasoningConfig none = new ReasoningConfig(Optional.of(ReasoningEffort.NONE), Optional.empty(), Optional.empty(), false);
        JsonNode off = encode(request(List.of(), List.of(new Message(Role.USER, List.of(Part.Text.of("hi")))),
                Sampling.defaults(), none, List.of(), Optional.empty()));
        assertThat(off.has("thinking")).isFalse();
        assertThat(off.path("max_tokens").asInt()).isEqualTo(AnthropicRequestEncoder.DEFAULT_MAX_TOKENS);
        assertThat(AnthropicThinking.budget(new ReasoningConfig(Optional.empty(), Optional.of(100), Optional.empty(),
                false))).hasValue(1024);
        assertThat(AnthropicThinking.budget(new ReasoningConfig(Optional.empty(), Optional.of(-1), Optional.empty(),
                false))).hasValue(8192);
        assertThat(AnthropicThinking.budget(new ReasoningConfig(Optional.empty(), Optional.of(0), Optional.empty(),
                false))).isEmpty();
    }

    @Test
    void thinkingIsLeftOutWhenToolResultsAnswerATurnWithoutSignedThinking() throws Exception {
        ReasoningConfig low = new ReasoningConfig(Optional.of(ReasoningEffort.LOW), Optional.empty(), Optional.empty(), true);
        Part.ToolCall call = new Part.ToolCall("toolu_1", "f", "{}", Optional.empty());
        List<Message> unsigned = List.of(new Message(Role.USER, List.of(Part.Text.of("go"))),
                new Message(Role.ASSISTANT, List.of(call)),
                new Message(Role.TOOL, List.of(new Part.ToolResult("toolu_1", "f", "{}"))));
        assertThat(encode(request(List.of(), unsigned, Sampling.defaults(), low, List.of(), Optional.empty()))
                .has("thinking")).isFalse();
        List<Message> signed = List.of(new Message(Role.USER, List.of(Part.Text.of("go"))),
                new Message(Role.ASSISTANT, List.of(new Part.Reasoning("hm", Optional.of("sig")),
                        new Part.RedactedReasoning("enc"), call)),
                new Message(Role.TOOL, List.of(new Part.ToolResult("toolu_1", "f", "{}"))));
        JsonNode body = encode(request(List.of(), signed, Sampling.defaults(), low, List.of(), Optional.empty()));
        assertThat(body.at("/thinking/budget_tokens").asInt()).isEqualTo(1024);
        assertThat(body.at("/messages/1/content/0/type").asText()).isEqualTo("thinking");
        assertThat(body.at("/messages/1/content/0/signature").asText()).isEqualTo("sig");
        assertThat(body.at("/messages/1/content/1/data").asText()).isEqualTo("enc");
    }

    @Test
    void theCountBodyHasNoGenerationFields() throws Exception {
        JsonNode body = Json.MAPPER.readTree(AnthropicRequestEncoder.encodeCount(request(List.of(),
                List.of(new Message(Role.USER, List.of(Part.Text.of("hi")))), maxTokens(50), ReasoningConfig.none(),
                List.of(), Optional.empty()), "claude-haiku-4-5"));
        assertThat(body.has("max_tokens")).isFalse();
        assertThat(body.has("stop_sequences")).isFalse();
        assertThat(body.has("top_k")).isFalse();
        assertThat(body.path("model").asText()).isEqualTo("claude-haiku-4-5");
    }

    @Test
    void whatAnthropicCannotCarryIsA400() {
        assertThatThrownBy(() -> encode(simple(List.of(new Message(Role.USER, List.of(new Part.Blob("audio/wav", "UklG")))))))
                .isInstanceOf(GatewayException.class).hasMessageContaining("audio/wav");
        assertThatThrownBy(() -> encode(simple(List.of(new Message(Role.USER, List.of(
                new Part.FileRef(Optional.empty(), "gs://bucket/file.png")))))))
                .isInstanceOf(GatewayException.class).hasMessageContaining("gs://");
        ChatRequest json = new ChatRequest("m", List.of(), List.of(new Message(Role.USER, List.of(Part.Text.of("x")))),
                List.of(), Optional.empty(), Sampling.defaults(), ReasoningConfig.none(), new ResponseFormat.JsonObject(),
                false, false, Optional.empty());
        assertThatThrownBy(() -> encode(json)).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.error().param()).contains("response_format"));
    }
}
