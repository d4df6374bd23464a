package dev.junction.mock.gemini;

import static dev.junction.mock.gemini.Requests.error;
import static dev.junction.mock.gemini.Requests.json;
import static dev.junction.mock.gemini.Requests.ok;
import static dev.junction.mock.gemini.Requests.okStream;
import static dev.junction.mock.gemini.Requests.prompt;
import static dev.junction.mock.gemini.Requests.stream;
import static dev.junction.mock.gemini.Requests.text;
import static dev.junction.mock.gemini.Requests.unary;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MockBehaviourTest {

    @Test
    void defaultAnswerNamesTheModelAndQuotesThePrompt() {
        JsonNode body = ok(unary("gemini-2.0-flash", prompt("What is the capital of Wyoming?"))).body();

        assertThat(text(body)).isEqualTo(
                "This is the Junction mock of gemini-2.0-flash. You said: \"What is the capital of Wyoming?\"");
        JsonNode candidate = body.path("candidates").path(0);
        assertThat(candidate.path("content").path("role").asText()).isEqualTo("model");
        assertThat(candidate.path("finishReason").asText()).isEqualTo("STOP");
        assertThat(candidate.has("index")).as("2.0 answers carry no index, as recorded").isFalse();
        JsonNode usage = body.path("usageMetadata");
        assertThat(usage.path("promptTokenCount").asInt()).isEqualTo(8); // ceil(31 / 4)
        assertThat(usage.path("candidatesTokenCount").asInt()).isEqualTo(15);
        assertThat(usage.has("thoughtsTokenCount")).isFalse();
        assertThat(usage.path("totalTokenCount").asInt()).isEqualTo(23);
        assertThat(usage.path("promptTokensDetails")).isEqualTo(json("[{\"modality\":\"TEXT\",\"tokenCount\":8}]"));
        assertThat(body.path("modelVersion").asText()).isEqualTo("gemini-2.0-flash");
        assertThat(body.path("responseId").asText()).hasSize(23);
    }

    @Test
    void candidateCountGivesThatManyIndexedCandidates() {
        ObjectNode request = prompt("Name a colour");
        request.putObject("generationConfig").put("candidateCount", 3);
        JsonNode single = ok(unary("gemini-2.5-flash", prompt("Name a colour"))).body();
        JsonNode body = ok(unary("gemini-2.5-flash", request)).body();

        JsonNode candidates = body.path("candidates");
        assertThat(candidates).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(candidates.get(i).path("index").asInt()).isEqualTo(i);
            assertThat(candidates.get(i).path("finishReason").asText()).isEqualTo("STOP");
            assertThat(candidates.get(i).path("content")).isEqualTo(single.at("/candidates/0/content"));
        }
        JsonNode usage = body.path("usageMetadata");
        assertThat(usage.path("candidatesTokenCount").asInt())
                .isEqualTo(3 * single.at("/usageMetadata/candidatesTokenCount").asInt());
        assertThat(usage.path("totalTokenCount").asInt()).isEqualTo(usage.path("promptTokenCount").asInt()
                + usage.path("candidatesTokenCount").asInt() + usage.path("thoughtsTokenCount").asInt());

        for (JsonNode event : okStream(stream("gemini-2.5-flash", request)).events()) {
            assertThat(event.path("candidates")).hasSize(3);
            assertThat(event.at("/candidates/2/index").asInt()).isEqualTo(2);
        }
        request.with("generationConfig").put("candidateCount", 9);
        assertThat(error(unary("gemini-2.5-flash", request), 400).body().at("/error/message").asText())
                .contains("candidateCount");
    }

    @Test
    void sameRequestSameBytesAndDifferentRequestDifferentId() {
        byte[] first = GoogleJson.pretty(ok(unary("gemini-2.5-flash", prompt("hello there"))).body());
        byte[] second = GoogleJson.pretty(ok(unary("gemini-2.5-flash", prompt("hello there"))).body());
        JsonNode other = ok(unary("gemini-2.5-flash", prompt("hello here"))).body();

        assertThat(first).isEqualTo(second);
        assertThat(other.path("responseId").asText()).isNotEqualTo(Requests.json(new String(first)).path("responseId").asText());

        List<JsonNode> a = okStream(stream("gemini-3-flash-preview", prompt("stream me"))).events();
        List<JsonNode> b = okStream(stream("gemini-3-flash-preview", prompt("stream me"))).events();
        assertThat(a).isEqualTo(b);
    }

    @Test
    void streamSendsDeltasWithCumulativeUsageAndFinishOnlyAtTheEnd() {
        String prompt = "Tell me something about the weather in the mountains in early spring please";
        String whole = text(ok(unary("gemini-2.5-flash", prompt(prompt))).body());
        MockReply.Stream stream = okStream(stream("gemini-2.5-flash", prompt(prompt)));

        List<JsonNode> events = stream.events();
        assertThat(events).hasSizeGreaterThanOrEqualTo(3);
        assertThat(stream.end()).isInstanceOf(StreamEnd.Close.class);
        StringBuilder joined = new StringBuilder();
        int previous = 0;
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            joined.append(text(event));
            int candidates = event.path("usageMetadata").path("candidatesTokenCount").asInt();
            assertThat(candidates).isGreaterThan(previous);
            previous = candidates;
            assertThat(event.path("usageMetadata").path("totalTokenCount").asInt()).isEqualTo(
                    event.path("usageMetadata").path("promptTokenCount").asInt() + candidates
                            + event.path("usageMetadata").path("thoughtsTokenCount").asInt());
            assertThat(event.path("candidates").path(0).has("finishReason")).isEqualTo(i == events.size() - 1);
            assertThat(event.path("responseId")).isEqualTo(events.get(0).path("responseId"));
        }
        assertThat(joined.toString()).isEqualTo(whole);
        assertThat(previous).isEqualTo(TextChunks.words(whole));
    }

    @Test
    void eventsIntervalAndDelayDirectivesShapeTheStream() {
        MockReply.Stream stream = okStream(stream("gemini-2.5-flash",
                prompt("bench mock:events=20 mock:interval-ms=20 mock:delay-ms=5")));

        assertThat(stream.events()).hasSize(20);
        assertThat(stream.interval()).isEqualTo(Duration.ofMillis(20));
        assertThat(stream.delay()).isEqualTo(Duration.ofMillis(5));
        assertThat(stream.events().getLast().path("candidates").path(0).path("finishReason").asText()).isEqualTo("STOP");
    }

    @Test
    void gemini3TextStreamEndsWithAnEmptySignedTextEvent() {
        MockReply.Stream stream = okStream(stream("gemini-3-pro-preview", prompt("count r in strawberry mock:events=4")));

        assertThat(stream.events()).hasSize(5);
        JsonNode last = stream.events().getLast();
        JsonNode part = last.path("candidates").path(0).path("content").path("parts").path(0);
        assertThat(part.path("text").asText()).isEmpty();
        assertThat(part.path("thoughtSignature").asText()).hasSizeGreaterThan(300);
        assertThat(last.path("candidates").path(0).path("finishReason").asText()).isEqualTo("STOP");
        assertThat(stream.events().get(3).path("candidates").path(0).has("finishReason")).isFalse();

        JsonNode unary = ok(unary("gemini-3-pro-preview", prompt("count r in strawberry mock:events=4"))).body();
        JsonNode parts = unary.path("candidates").path(0).path("content").path("parts");
        assertThat(parts.get(parts.size() - 1).path("thoughtSignature").asText()).isEqualTo(part.path("thoughtSignature").asText());
    }

    @Test
    void wordsDirectiveGivesExactlyThatManyWords() {
        assertThat(TextChunks.words(text(ok(unary("gemini-2.5-flash", prompt("x mock:words=3"))).body()))).isEqualTo(3);
        String long500 = text(ok(unary("gemini-2.5-flash", prompt("x mock:words=500"))).body());
        assertThat(TextChunks.words(long500)).isEqualTo(500);
        assertThat(long500).startsWith("This is the Junction mock of gemini-2.5-flash.");
    }

    @Test
    void thinkingIsOnByDefaultForThinkingModelsAndOffWithBudgetZero() {
        JsonNode flash = ok(unary("gemini-2.5-flash", prompt("hi"))).body();
        assertThat(flash.path("usageMetadata").path("thoughtsTokenCount").asInt()).isEqualTo(96 + 2);

        ObjectNode off = prompt("hi");
        off.putObject("generationConfig").putObject("thinkingConfig").put("thinkingBudget", 0);
        assertThat(ok(unary("gemini-2.5-flash", off)).body().path("usageMetadata").has("thoughtsTokenCount")).isFalse();

        JsonNode lite = ok(unary("gemini-2.5-flash-lite", prompt("hi"))).body();
        assertThat(lite.path("usageMetadata").has("thoughtsTokenCount")).as("flash-lite does not think by default").isFalse();

        ObjectNode small = prompt("hi");
        small.putObject("generationConfig").putObject("thinkingConfig").put("thinkingBudget", 50);
        assertThat(ok(unary("gemini-2.5-flash", small)).body().path("usageMetadata").path("thoughtsTokenCount").asInt())
                .isEqualTo(50);
    }

    @Test
    void includeThoughtsSendsSummariesFirst() {
        ObjectNode request = prompt("why is the sky blue");
        request.putObject("generationConfig").putObject("thinkingConfig").put("includeThoughts", true);

        List<JsonNode> events = okStream(stream("gemini-2.5-flash", request)).events();
        JsonNode first = events.get(0).path("candidates").path(0).path("content").path("parts").path(0);
        assertThat(first.path("thought").asBoolean()).isTrue();
        assertThat(first.path("text").asText()).startsWith("**Reading the request**");
        assertThat(events.get(1).path("candidates").path(0).path("content").path("parts").path(0).path("thought").asBoolean())
                .isTrue();
        assertThat(events.get(0).path("usageMetadata").path("thoughtsTokenCount").asInt())
                .isLessThan(events.get(1).path("usageMetadata").path("thoughtsTokenCount").asInt());
        assertThat(events.get(2).path("candidates").path(0).path("content").path("parts").path(0).has("thought")).isFalse();

        JsonNode parts = ok(unary("gemini-2.5-flash", request)).body().path("candidates").path(0).path("content").path("parts");
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).path("thought").asBoolean()).isTrue();
        assertThat(parts.get(1).has("thought")).isFalse();
    }

    @Test
    void thinkingConfigIsValidatedAsGoogleDoes() {
        assertThat(thinkingError("gemini-2.5-pro", "{\"thinkingBudget\": 0}"))
                .isEqualTo("Budget 0 is invalid. This model only works in thinking mode.");
        assertThat(thinkingError("gemini-2.5-pro", "{\"thinkingBudget\": 50000}"))
                .isEqualTo("The thinking budget (50000) is invalid.");
        assertThat(thinkingError("gemini-2.5-flash", "{\"thinkingLevel\": \"low\"}"))
                .isEqualTo("Thinking level is not supported for this model.");
        assertThat(thinkingError("gemini-3-pro-preview", "{\"thinkingLevel\": \"medium\"}"))
                .isEqualTo("Thinking level MEDIUM is not supported for this model.");
        assertThat(thinkingError("gemini-3-flash-preview", "{\"thinkingLevel\": \"low\", \"thinkingBudget\": 1024}"))
                .contains("thinking_level and thinking_budget cannot both be set");
        assertThat(thinkingError("gemini-2.0-flash", "{\"includeThoughts\": true}"))
                .isEqualTo("thinking_config is not supported.");
        assertThat(thinkingError("gemini-3-flash-preview", "{\"thinkingLevel\": \"extreme\"}"))
                .startsWith("Invalid value at 'generation_config.thinking_config.thinking_level'");

        ObjectNode high = prompt("hi");
        high.putObject("generationConfig").set("thinkingConfig", json("{\"thinkingLevel\": \"LOW\"}"));
        JsonNode low = ok(unary("gemini-3-flash-preview", high)).body();
        assertThat(low.path("usageMetadata").path("thoughtsTokenCount").asInt()).isEqualTo(98 / 3);
    }

    private static String thinkingError(String model, String thinkingConfig) {
        ObjectNode request = prompt("hi");
        request.putObject("generationConfig").set("thinking_config", json(thinkingConfig));
        return error(unary(model, request), 400).body().path("error").path("message").asText();
    }

    @Test
    void maxOutputTokensCountsThoughtsAndCutsTheAnswer() {
        ObjectNode request = prompt("hi there");
        request.putObject("generationConfig").put("maxOutputTokens", 100 + 4);
        JsonNode body = ok(unary("gemini-2.5-flash", request)).body();
        // prompt: ceil(8 / 4) = 2 tokens, so thoughts: 96 + 2 * 2 = 100, leaving room for 4 words
        assertThat(TextChunks.words(text(body))).isEqualTo(4);
        assertThat(body.path("candidates").path(0).path("finishReason").asText()).isEqualTo("MAX_TOKENS");

        request.putObject("generationConfig").put("maxOutputTokens", 50);
        JsonNode empty = ok(unary("gemini-2.5-flash", request)).body();
        assertThat(empty.path("candidates").path(0).path("content")).isEqualTo(json("{\"role\": \"model\"}"));
        assertThat(empty.path("candidates").path(0).path("finishReason").asText()).isEqualTo("MAX_TOKENS");
    }

    @Test
    void jsonModeAnswersWithAnInstanceOfTheSchema() {
        ObjectNode request = prompt("give me a person");
        request.putObject("generationConfig").put("responseMimeType", "application/json").set("responseJsonSchema", json("""
                {"type": "object", "properties": {
                   "name": {"type": "string"}, "age": {"type": "integer", "minimum": 18},
                   "tags": {"type": "array", "items": {"type": "string", "enum": ["a", "b"]}, "minItems": 2}},
                 "required": ["name", "age"]}"""));
        String text = text(ok(unary("gemini-2.5-flash", request)).body());
        assertThat(json(text)).isEqualTo(json("{\"name\": \"mock\", \"age\": 18, \"tags\": [\"a\", \"a\"]}"));

        ObjectNode plain = prompt("json please");
        plain.putObject("generationConfig").put("response_mime_type", "application/json");
        assertThat(json(text(ok(unary("gemini-2.5-flash", plain)).body())))
                .isEqualTo(json("{\"name\": \"Junction mock\", \"id\": 1}"));

        List<JsonNode> events = okStream(stream("gemini-2.5-flash", request)).events();
        StringBuilder joined = new StringBuilder();
        events.forEach(e -> joined.append(text(e)));
        assertThat(events).hasSize(3);
        assertThat(joined.toString()).isEqualTo(text);
    }

    @Test
    void mediaPartsAreDescribedAndCounted() {
        JsonNode request = json("""
                {"contents": [{"role": "user", "parts": [
                   {"text": "what is this"},
                   {"inlineData": {"mimeType": "image/png", "data": "iVBORw0KGgo="}},
                   {"inline_data": {"mime_type": "audio/wav", "data": "UklGRg"}},
                   {"file_data": {"mime_type": "application/pdf", "file_uri": "https://generativelanguage.googleapis.com/v1beta/files/abc"}}
                ]}]}""");
        JsonNode body = ok(unary("gemini-2.5-flash", request)).body();

        assertThat(text(body)).endsWith("Received inline image/png data of 8 bytes. Received inline audio/wav data of 4 bytes. "
                + "Received file application/pdf at https://generativelanguage.googleapis.com/v1beta/files/abc.");
        assertThat(body.path("usageMetadata").path("promptTokensDetails")).isEqualTo(json("""
                [{"modality": "TEXT", "tokenCount": 3}, {"modality": "IMAGE", "tokenCount": 258},
                 {"modality": "AUDIO", "tokenCount": 320}, {"modality": "DOCUMENT", "tokenCount": 258}]"""));
        assertThat(body.path("usageMetadata").path("promptTokenCount").asInt()).isEqualTo(3 + 258 + 320 + 258);
    }

    @Test
    void badBase64AndUnsupportedFileUrisAreRejected() {
        JsonNode bad = json("""
                {"contents": [{"parts": [{"text": "x"}, {"inlineData": {"mimeType": "image/png", "data": "not base64!"}}]}]}""");
        JsonNode error = error(unary("gemini-2.5-flash", bad), 400).body().path("error");
        assertThat(error.path("message").asText()).isEqualTo(
                "Invalid value at 'contents[0].parts[1].inline_data.data' (TYPE_BYTES), Base64 decoding failed for \"not base64!\"");
        assertThat(error.path("details").path(0).path("fieldViolations").path(0).path("field").asText())
                .isEqualTo("contents[0].parts[1].inline_data.data");

        JsonNode video = json("""
                {"contents": [{"parts": [{"text": "x"}, {"fileData": {"mimeType": "video/mp4", "fileUri": "https://example.com/v.mp4"}}]}]}""");
        assertThat(error(unary("gemini-2.5-flash", video), 400).body().path("error").path("message").asText())
                .startsWith("Unsupported file URI type: https://example.com/v.mp4");
        JsonNode ok = ok(unary("gemini-3-pro-preview-file", video)).body();
        assertThat(text(ok)).contains("Received file video/mp4 at https://example.com/v.mp4.");
        assertThat(ok.path("usageMetadata").path("promptTokensDetails").path(1).path("modality").asText()).isEqualTo("VIDEO");

        JsonNode http = json("""
                {"contents": [{"parts": [{"fileData": {"mimeType": "video/mp4", "fileUri": "http://example.com/v.mp4"}}]}]}""");
        assertThat(error(unary("gemini-3-pro-preview", http), 400).body().path("error").path("message").asText())
                .startsWith("Unsupported file URI type: http://example.com/v.mp4");
    }

    @Test
    void blockAndFinishDirectives() {
        JsonNode blocked = ok(unary("gemini-2.5-flash", prompt("bad words mock:block"))).body();
        assertThat(blocked.size()).isEqualTo(1);
        assertThat(blocked.path("promptFeedback").path("blockReason").asText()).isEqualTo("SAFETY");
        assertThat(blocked.path("promptFeedback").path("safetyRatings")).hasSize(4);
        assertThat(okStream(stream("gemini-2.5-flash", prompt("bad mock:block"))).events()).singleElement()
                .satisfies(e -> assertThat(e.has("candidates")).isFalse());

        JsonNode safety = ok(unary("gemini-2.5-flash", prompt("x mock:finish=SAFETY"))).body().path("candidates").path(0);
        assertThat(safety.path("finishReason").asText()).isEqualTo("SAFETY");
        assertThat(safety.path("safetyRatings").path(0).path("category").asText()).isEqualTo("HARM_CATEGORY_HATE_SPEECH");
        List<JsonNode> events = okStream(stream("gemini-2.5-flash", prompt("x mock:finish=recitation"))).events();
        assertThat(events.getLast().path("candidates").path(0).path("finishReason").asText()).isEqualTo("RECITATION");
    }

    @Test
    void errorDirectivesAnswerWithGooglesBodies() {
        JsonNode rate = error(unary("gemini-2.5-flash", prompt("x mock:error=429")), 429).body().path("error");
        assertThat(rate.path("status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(rate.toString()).contains("\"quotaId\":\"GenerateRequestsPerMinutePerProjectPerModel-FreeTier\"")
                .contains("\"retryDelay\":\"34.4s\"");
        assertThat(error(unary("gemini-2.5-flash", prompt("x mock:error=429 mock:retry-delay=0.5s")), 429).body().toString())
                .contains("\"retryDelay\":\"0.5s\"");
        JsonNode quota = error(unary("gemini-2.5-flash", prompt("x mock:error=quota")), 429).body().path("error");
        assertThat(quota.toString()).contains("PerDay").doesNotContain("RetryInfo");
        assertThat(error(unary("gemini-2.5-flash", prompt("x mock:error=500")), 500).body().path("error").path("status")
                .asText()).isEqualTo("INTERNAL");
        JsonNode overloaded = error(stream("gemini-2.5-flash", prompt("x mock:error=503")), 503).body().path("error");
        assertThat(overloaded.path("message").asText()).isEqualTo("The model is overloaded. Please try again later.");
        assertThat(overloaded.path("status").asText()).isEqualTo("UNAVAILABLE");
        assertThat(error(unary("gemini-2.5-flash", prompt("x mock:error=400")), 400).body().path("error").path("status")
                .asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(error(unary("gemini-2.5-flash", prompt("x mock:error=404")), 404).body().path("error").path("message")
                .asText()).startsWith("models/gemini-2.5-flash is not found for API version v1beta");
        JsonNode key = error(unary("gemini-2.5-flash", prompt("x mock:error=key")), 400).body().path("error");
        assertThat(key.path("details").path(0).path("reason").asText()).isEqualTo("API_KEY_INVALID");
        assertThat(key.path("details").path(2).path("detail").asText()).isEqualTo("Invalid API key: key-1");

        MockReply html = unary("gemini-2.5-flash", prompt("x mock:status=502"));
        assertThat(html).isInstanceOfSatisfying(MockReply.Raw.class, raw -> {
            assertThat(raw.status()).isEqualTo(502);
            assertThat(raw.contentType()).startsWith("text/html");
            assertThat(new String(raw.body())).contains("<title>Error 502 (Server Error)!!1</title>");
        });
        assertThat(error(unary("gemini-2.5-flash", prompt("x mock:eror=500")), 400).body().path("error").path("message")
                .asText()).startsWith("Unknown mock directive \"mock:eror\"");
    }

    @Test
    void hostileDirectivesPlanTheirEndings() {
        assertThat(unary("gemini-2.5-flash", prompt("x mock:hang"))).isInstanceOf(MockReply.Hang.class);
        assertThat(stream("gemini-2.5-flash", prompt("x mock:hang"))).isInstanceOf(MockReply.Hang.class);

        MockReply.Stream stall = okStream(stream("gemini-2.5-flash", prompt("x mock:hang-after=2")));
        assertThat(stall.events()).hasSize(2);
        assertThat(stall.end()).isInstanceOf(StreamEnd.Stall.class);
        assertThat(stall.events().get(1).path("candidates").path(0).has("finishReason")).isFalse();

        MockReply.Stream reset = okStream(stream("gemini-2.5-flash", prompt("x mock:reset-after=5")));
        assertThat(reset.events()).hasSize(5);
        assertThat(reset.end()).isInstanceOf(StreamEnd.Abort.class);

        MockReply.Stream garbage = okStream(stream("gemini-2.5-flash", prompt("x mock:garbage-after=1")));
        assertThat(garbage.events()).hasSize(1);
        assertThat(garbage.end()).isInstanceOf(StreamEnd.Garbage.class);

        MockReply.Stream midstream = okStream(stream("gemini-2.5-flash", prompt("x mock:midstream-error")));
        assertThat(midstream.events()).hasSize(2);
        assertThat(midstream.end()).isInstanceOfSatisfying(StreamEnd.Error.class, e ->
                assertThat(e.error()).isEqualTo(json("""
                        {"code": 500, "message": "An internal error has occurred. Please retry or report in \
                        https://developers.generativeai.google/guide/troubleshooting", "status": "INTERNAL"}""")));

        assertThat(unary("gemini-2.5-flash", prompt("x mock:reset-after=1"))).isInstanceOf(MockReply.Reset.class);
        assertThat(unary("gemini-2.5-flash", prompt("x mock:hang-after=1"))).isInstanceOf(MockReply.Hang.class);
        error(unary("gemini-2.5-flash", prompt("x mock:midstream-error")), 500);
    }

    @Test
    void unknownModelsAndMethodsAre404WithGooglesWords() {
        JsonNode error = error(unary("gemini-5.0-flash", prompt("x")), 404).body().path("error");
        assertThat(error.path("message").asText()).isEqualTo("models/gemini-5.0-flash is not found for API version v1beta, "
                + "or is not supported for generateContent. Call ListModels to see the list of available models and their "
                + "supported methods.");
        assertThat(error.path("status").asText()).isEqualTo("NOT_FOUND");
        assertThat(error(unary("gemini-embedding-001", prompt("x")), 404).body().path("error").path("message").asText())
                .startsWith("models/gemini-embedding-001 is not found");
        ok(unary("models/gemini-2.5-flash", prompt("x")));
    }

    @Test
    void missingContentsIsRejected() {
        assertThat(error(unary("gemini-2.5-flash", json("{}")), 400).body().path("error").path("message").asText())
                .isEqualTo("* GenerateContentRequest.contents: contents is not specified\n");
        assertThat(error(unary("gemini-2.5-flash", json("{\"contents\": [{\"role\": \"system\", \"parts\": [{\"text\": \"x\"}]}]}")),
                400).body().path("error").path("message").asText()).isEqualTo("Please use a valid role: user, model.");
    }

    @Test
    void countTokensAcceptsBothForms() {
        JsonNode contents = json("{\"contents\": [{\"parts\": [{\"text\": \"hello world!\"}]}]}");
        JsonNode wrapped = json("""
                {"generateContentRequest": {"model": "models/gemini-2.5-flash",
                  "contents": [{"parts": [{"text": "hello world!"}]}]}}""");
        for (JsonNode body : List.of(contents, wrapped)) {
            JsonNode out = ok(Requests.BEHAVIOUR.plan(new MockCall("v1beta", "gemini-2.5-flash", ApiMethod.COUNT_TOKENS, body,
                    Optional.empty()))).body();
            assertThat(out).isEqualTo(json("{\"totalTokens\": 3, \"promptTokensDetails\": [{\"modality\": \"TEXT\", \"tokenCount\": 3}]}"));
        }
    }

    @Test
    void modelsAreListedInPages() {
        JsonNode first = ok(Requests.BEHAVIOUR.listModels(java.util.OptionalInt.of(4), Optional.empty())).body();
        assertThat(first.path("models")).hasSize(4);
        assertThat(first.path("models").path(0).path("name").asText()).isEqualTo("models/gemini-2.5-flash");
        List<String> names = new ArrayList<>();
        JsonNode page = first;
        while (true) {
            page.path("models").forEach(m -> names.add(m.path("name").asText()));
            if (!page.has("nextPageToken")) {
                break;
            }
            page = ok(Requests.BEHAVIOUR.listModels(java.util.OptionalInt.of(4),
                    Optional.of(page.path("nextPageToken").asText()))).body();
        }
        assertThat(names).containsExactly("models/gemini-2.5-flash", "models/gemini-2.5-pro", "models/gemini-2.5-flash-lite",
                "models/gemini-2.0-flash", "models/gemini-3-pro-preview", "models/gemini-3-flash-preview",
                "models/gemini-3-pro-preview-file", "models/gemini-3.1-pro-preview", "models/gemini-embedding-001");
        error(Requests.BEHAVIOUR.listModels(java.util.OptionalInt.empty(), Optional.of("bogus")), 400);

        JsonNode flash = ok(Requests.BEHAVIOUR.getModel("v1beta", "gemini-3-flash-preview")).body();
        assertThat(flash.path("thinking").asBoolean()).isTrue();
        assertThat(flash.path("supportedGenerationMethods").toString()).contains("generateContent");
        error(Requests.BEHAVIOUR.getModel("v1beta", "gemini-0"), 404);
    }

    @Test
    void embeddingsAreDeterministicUnitVectors() {
        JsonNode request = json("{\"content\": {\"parts\": [{\"text\": \"hello\"}]}, \"outputDimensionality\": 8}");
        JsonNode a = ok(Requests.BEHAVIOUR.plan(new MockCall("v1beta", "gemini-embedding-001", ApiMethod.EMBED_CONTENT,
                request, Optional.empty()))).body();
        JsonNode b = ok(Requests.BEHAVIOUR.plan(new MockCall("v1beta", "gemini-embedding-001", ApiMethod.EMBED_CONTENT,
                request, Optional.empty()))).body();
        assertThat(a).isEqualTo(b);
        double norm = 0;
        for (JsonNode v : a.path("embedding").path("values")) {
            norm += v.asDouble() * v.asDouble();
        }
        assertThat(a.path("embedding").path("values")).hasSize(8);
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));

        JsonNode batch = ok(Requests.BEHAVIOUR.plan(new MockCall("v1beta", "gemini-embedding-001",
                ApiMethod.BATCH_EMBED_CONTENTS, json("{\"requests\": [{\"content\": {\"parts\": [{\"text\": \"a\"}]}}, "
                        + "{\"content\": {\"parts\": [{\"text\": \"b\"}]}}]}"), Optional.empty()))).body();
        assertThat(batch.path("embeddings")).hasSize(2);
        assertThat(batch.path("embeddings").path(0).path("values")).hasSize(3072);
    }
}
