package dev.junction.protocol.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.ChatRequest;
import dev.junction.protocol.model.ChatResponse;
import dev.junction.protocol.model.Choice;
import dev.junction.protocol.model.FinishReason;
import dev.junction.protocol.model.GatewayException;
import dev.junction.protocol.model.Part;
import dev.junction.protocol.model.ResponseFormat;
import dev.junction.protocol.model.Role;
import dev.junction.protocol.model.StreamContext;
import dev.junction.protocol.model.StreamEvent;
import dev.junction.protocol.model.ToolChoice;
import dev.junction.protocol.model.Usage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Gemini-native requests read into the canonical model and canonical answers written back as Gemini's. */
class GeminiTranslationTest {
    private static ChatRequest decode(String body) {
        return GeminiRequestDecoder.decode(body.getBytes(StandardCharsets.UTF_8), "m", false);
    }

    @Test
    void aRequestInEitherSpellingBecomesTheCanonicalModel() {
        ChatRequest request = decode("""
                {"system_instruction":{"parts":[{"text":"Be brief."}]},
                 "contents":[{"role":"user","parts":[{"text":"Weather?"},{"inlineData":{"mimeType":"image/png","data":"AA=="}}]},
                   {"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{"city":"Paris"}},
                     "thoughtSignature":"sig"}]},
                   {"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"output":"sunny"}}}]}],
                 "tools":[{"functionDeclarations":[{"name":"get_weather","parameters":{"type":"OBJECT",
                   "properties":{"city":{"type":"STRING"}}}}]}],
                 "toolConfig":{"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["get_weather"]}},
                 "generationConfig":{"temperature":0.2,"topK":40.0,"max_output_tokens":10,"stopSequences":["x"],
                   "responseMimeType":"application/json","responseSchema":{"type":"OBJECT"},
                   "thinkingConfig":{"thinkingBudget":2048,"includeThoughts":true}}}""");
        assertThat(request.system()).containsExactly(Part.Text.of("Be brief."));
        assertThat(request.messages()).extracting(m -> m.role()).containsExactly(Role.USER, Role.ASSISTANT, Role.TOOL);
        assertThat(request.messages().get(0).parts().get(1)).isEqualTo(new Part.Blob("image/png", "AA=="));
        Part.ToolCall call = (Part.ToolCall) request.messages().get(1).parts().get(0);
        assertThat(call.id()).isEqualTo("call_1_0");
        assertThat(call.signature()).contains("sig");
        assertThat(request.messages().get(2).parts()).containsExactly(
                new Part.ToolResult("call_1_0", "get_weather", "\"sunny\"", false));
        assertThat(request.tools().get(0).parameters().orElseThrow().toString())
                .isEqualTo("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}");
        assertThat(request.toolChoice()).contains(new ToolChoice.Named("get_weather"));
        assertThat(request.sampling().temperature()).contains(0.2);
        assertThat(request.sampling().topK()).contains(40);
        assertThat(request.sampling().maxOutputTokens()).contains(10);
        assertThat(request.responseFormat()).isInstanceOf(ResponseFormat.JsonSchema.class);
        assertThat(request.reasoning().budget()).contains(2048);
        assertThat(request.reasoning().includeThoughts()).isTrue();
    }

    @Test
    void whatOnlyGeminiHasIsA400NamingIt() {
        assertThatThrownBy(() -> decode("{\"contents\":[{\"parts\":[{\"text\":\"a\"}]}],\"cachedContent\":\"c/1\"}"))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.error().param()).contains("cachedContent"));
        assertThatThrownBy(() -> decode("{\"contents\":[{\"parts\":[{\"text\":\"a\"}]}],\"tools\":[{\"codeExecution\":{}}]}"))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.error().param()).contains("tools[0].codeExecution"));
        assertThatThrownBy(() -> decode("{\"contents\":[]}")).isInstanceOf(GatewayException.class);
        assertThatThrownBy(() -> decode("[1]")).isInstanceOf(GatewayException.class);
    }

    @Test
    void anAnswerIsAGenerateContentResponse() throws Exception {
        ChatResponse answer = new ChatResponse(Optional.of("v1"), Optional.of("vendor"), List.of(new Choice(0, List.of(
                new Part.Reasoning("think", Optional.empty()), Part.Text.of("Hi"),
                new Part.ToolCall("call_9", "f", "{\"a\":1}", Optional.empty())), FinishReason.TOOL_CALLS,
                Optional.of("tool_calls"))), Optional.of(new Usage(10, 4, 0, 5, 3, 18)), Optional.empty());
        JsonNode out = Json.MAPPER.readTree(GeminiResponseEncoder.encode(answer,
                new StreamContext("rid", 0, "deepseek-chat", true, false)));
        JsonNode candidate = out.at("/candidates/0");
        assertThat(candidate.at("/content/role").asText()).isEqualTo("model");
        assertThat(candidate.at("/content/parts/0/text").asText()).as("thoughts only when asked").isEqualTo("Hi");
        assertThat(candidate.at("/content/parts/1/functionCall/id").asText()).isEqualTo("call_9");
        assertThat(candidate.at("/content/parts/1/functionCall/args/a").asInt()).isEqualTo(1);
        assertThat(candidate.path("finishReason").asText()).isEqualTo("STOP");
        assertThat(out.at("/usageMetadata/promptTokenCount").asInt()).isEqualTo(10);
        assertThat(out.at("/usageMetadata/candidatesTokenCount").asInt()).isEqualTo(5);
        assertThat(out.at("/usageMetadata/thoughtsTokenCount").asInt()).isEqualTo(3);
        assertThat(out.at("/usageMetadata/cachedContentTokenCount").asInt()).isEqualTo(4);
        assertThat(out.at("/usageMetadata/totalTokenCount").asInt()).isEqualTo(18);
        assertThat(out.path("modelVersion").asText()).isEqualTo("deepseek-chat");
        assertThat(out.path("responseId").asText()).isEqualTo("rid");
    }

    @Test
    void aStreamEndsWithTheFinishAndUsageInBothFramings() throws Exception {
        StreamContext context = new StreamContext("rid", 0, "m", true, true);
        List<StreamEvent> events = List.of(new StreamEvent.Started(Optional.empty(), Optional.empty()),
                new StreamEvent.ReasoningDelta(0, "hm"), new StreamEvent.TextDelta(0, "Hel"),
                new StreamEvent.TextDelta(0, "lo"), new StreamEvent.Finished(0, FinishReason.LENGTH, Optional.empty()),
                new StreamEvent.UsageReport(new Usage(3, 0, 0, 2, 0, 5)));
        String sse = run(new GeminiStreamEncoder(context, true), events);
        assertThat(sse.split("\r\n\r\n")).hasSize(4);
        assertThat(sse).contains("\"thought\":true").contains("\"finishReason\":\"MAX_TOKENS\"")
                .contains("\"totalTokenCount\":5").startsWith("data: {");
        String array = run(new GeminiStreamEncoder(context, false), events);
        assertThat(array).startsWith("[{").endsWith("]");
        assertThat(Json.MAPPER.readTree(array.getBytes(StandardCharsets.UTF_8)).size()).isEqualTo(4);
        String failed = run(new GeminiStreamEncoder(context, false), List.of(new StreamEvent.TextDelta(0, "a"),
                new StreamEvent.Failed(dev.junction.protocol.model.GatewayError.of(
                        dev.junction.protocol.model.GatewayError.Kind.UPSTREAM_ERROR, "boom"))));
        assertThat(failed).contains("\"error\"").contains("boom").endsWith("]");
        assertThat(Json.MAPPER.readTree(failed.getBytes(StandardCharsets.UTF_8)).isArray()).isTrue();
    }

    private static String run(GeminiStreamEncoder encoder, List<StreamEvent> events) {
        List<byte[]> out = new ArrayList<>(encoder.onStart());
        events.forEach(e -> out.addAll(encoder.onEvent(e)));
        out.addAll(encoder.onEnd());
        StringBuilder text = new StringBuilder();
        out.forEach(b -> text.append(new String(b, StandardCharsets.UTF_8)));
        return text.toString();
    }
}
