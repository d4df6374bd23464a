package dev.junction.protocol.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.ChatResponse;
import dev.junction.protocol.model.Choice;
import dev.junction.protocol.model.FinishReason;
import dev.junction.protocol.model.Part;
import dev.junction.protocol.model.PromptBlock;
import dev.junction.protocol.model.StreamContext;
import dev.junction.protocol.model.Usage;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Canonical answers written as Gemini GenerateContentResponses, for callers of the Gemini door. */
class GeminiResponseEncoderTest {
    private static final StreamContext WITH_THOUGHTS = new StreamContext("req-1", 0, "claude-sonnet-4-5", true, true);
    private static final StreamContext WITHOUT_THOUGHTS = new StreamContext("req-1", 0, "claude-sonnet-4-5", true,
            false);

    private static JsonNode encode(ChatResponse response, StreamContext context) throws Exception {
        return Json.MAPPER.readTree(GeminiResponseEncoder.encode(response, context));
    }

    private static ChatResponse answer(List<Part> parts, FinishReason reason, Optional<String> nativeReason) {
        return new ChatResponse(Optional.of("msg_1"), Optional.of("claude-sonnet-4-5-20250929"),
                List.of(new Choice(0, parts, reason, nativeReason)),
                Optional.of(new Usage(30, 11, 0, 12, 0, 42, 5)), Optional.empty());
    }

    @Test
    void aToolCallTurnWithThoughtsIsOneCandidateThatStops() throws Exception {
        JsonNode json = encode(answer(List.of(
                new Part.Reasoning("Let me think.", Optional.of("c2lnbmVk")),
                new Part.RedactedReasoning("secret"),
                Part.Text.of("Let me check."),
                new Part.ToolCall("toolu_1", "get_weather", "{\"city\":\"Paris\"}", Optional.empty())),
                FinishReason.TOOL_CALLS, Optional.of("tool_use")), WITH_THOUGHTS);
        assertThat(json).isEqualTo(Json.MAPPER.readTree("""
                {"candidates": [{"content": {"parts": [
                    {"text": "Let me think.", "thought": true, "thoughtSignature": "c2lnbmVk"},
                    {"text": "Let me check."},
                    {"functionCall": {"id": "toolu_1", "name": "get_weather", "args": {"city": "Paris"}}}],
                   "role": "model"},
                  "finishReason": "STOP", "index": 0}],
                 "usageMetadata": {"promptTokenCount": 30, "candidatesTokenCount": 12, "totalTokenCount": 42,
                   "cachedContentTokenCount": 11},
                 "modelVersion": "claude-sonnet-4-5-20250929",
                 "responseId": "req-1"}"""));
    }

    @Test
    void thoughtsAreShownOnlyWhenAskedFor() throws Exception {
        JsonNode json = encode(answer(List.of(new Part.Reasoning("hidden", Optional.of("c2ln")), Part.Text.of("Hi")),
                FinishReason.STOP, Optional.empty()), WITHOUT_THOUGHTS);
        assertThat(json.at("/candidates/0/content/parts").toString()).isEqualTo("[{\"text\":\"Hi\"}]");
    }

    @Test
    void aSignatureThatIsNotBase64IsWrappedSoThatGoogleSdksCanReadItAsBytes() throws Exception {
        JsonNode json = encode(answer(List.of(new Part.Reasoning("hm", Optional.of("sig!")), Part.Text.of("Hi")),
                FinishReason.STOP, Optional.empty()), WITH_THOUGHTS);
        String wire = json.at("/candidates/0/content/parts/0/thoughtSignature").asText();
        assertThat(wire).isNotEqualTo("sig!");
        assertThat(java.util.Base64.getDecoder().decode(wire)).isNotEmpty();
        assertThat(ForeignSignatures.fromWire(wire)).isEqualTo("sig!");
    }

    @ParameterizedTest
    @CsvSource({"STOP,,STOP", "TOOL_CALLS,,STOP", "LENGTH,,MAX_TOKENS", "CONTENT_FILTER,refusal,SAFETY",
        "CONTENT_FILTER,RECITATION,RECITATION"})
    void finishReasons(FinishReason reason, String nativeReason, String expected) throws Exception {
        JsonNode json = encode(answer(List.of(Part.Text.of("x")), reason, Optional.ofNullable(nativeReason)),
                WITH_THOUGHTS);
        assertThat(json.at("/candidates/0/finishReason").asText()).isEqualTo(expected);
    }

    @Test
    void thoughtTokensAndTheTotalWhenTheVendorGaveNone() throws Exception {
        ChatResponse response = new ChatResponse(Optional.empty(), Optional.empty(),
                List.of(new Choice(0, List.of(Part.Text.of("x")), FinishReason.STOP, Optional.empty())),
                Optional.of(new Usage(10, 0, 0, 5, 7, 0)), Optional.empty());
        JsonNode json = encode(response, WITH_THOUGHTS);
        assertThat(json.path("usageMetadata")).isEqualTo(Json.MAPPER.readTree("""
                {"promptTokenCount": 10, "candidatesTokenCount": 5, "totalTokenCount": 22, "thoughtsTokenCount": 7}"""));
        assertThat(json.path("modelVersion").asText()).as("the model asked for, when the vendor names none")
                .isEqualTo("claude-sonnet-4-5");
    }

    @Test
    void aRefusedPromptIsPromptFeedbackWithoutCandidates() throws Exception {
        ChatResponse response = new ChatResponse(Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
                Optional.of(new PromptBlock("refusal", Optional.of("no"))));
        JsonNode json = encode(response, WITH_THOUGHTS);
        assertThat(json.has("candidates")).isFalse();
        assertThat(json.at("/promptFeedback/blockReason").asText()).isEqualTo("OTHER");
        assertThat(json.at("/promptFeedback/blockReasonMessage").asText()).isEqualTo("no");
    }

    @Test
    void theTokenCountIsGooglesShape() throws Exception {
        assertThat(Json.MAPPER.readTree(GeminiTokenCount.encode(17)).toString()).isEqualTo("{\"totalTokens\":17}");
    }
}
