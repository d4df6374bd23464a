package dev.junction.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.ObjectMappers;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.RateLimitException;
import com.openai.models.Reasoning;
import com.openai.models.ReasoningEffort;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFormatTextJsonSchemaConfig;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseOutputMessage;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseTextConfig;
import com.openai.models.responses.ResponseUsage;
import com.openai.models.responses.ToolChoiceOptions;
import dev.junction.gateway.testing.TestGateway;
import dev.junction.gateway.usage.UsageRecord;
import dev.junction.mock.gemini.ReceivedRequest;
import dev.junction.protocol.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official OpenAI Java SDK's {@code client.responses()} pointed at Junction, over the
 * built-in mock Gemini upstream: each answer checked in what the client got (every object and
 * event validated by the SDK's own model) and in what the upstream received.
 */
class ResponsesSdkTest {
    private static final String FLASH = "gemini-2.5-flash";

    @TempDir
    static Path dir;

    static TestGateway junction;
    static String token;
    static OpenAIClient client;
    static OpenAIClient noRetries;

    @BeforeAll
    static void start() {
        junction = TestGateway.start(dir);
        token = junction.issue("responses-sdk-user");
        client = OpenAiSdk.client(junction, token);
        noRetries = OpenAiSdk.clientWithoutRetries(junction, token);
    }

    @AfterAll
    static void stop() {
        junction.close();
    }

    @BeforeEach
    void clearUpstream() {
        junction.mock().clear();
    }

    private static ReceivedRequest onlyUpstreamRequest() {
        return OpenAiSdk.onlyUpstreamRequest(junction);
    }

    private static Response create(ResponseCreateParams params) {
        Response response = client.responses().create(params);
        response.validate();
        return response;
    }

    private static List<ResponseStreamEvent> stream(ResponseCreateParams params) {
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(params)) {
            List<ResponseStreamEvent> events = stream.stream().toList();
            events.forEach(ResponseStreamEvent::validate);
            return events;
        }
    }

    private static JsonNode json(Object sdkObject) {
        return ObjectMappers.jsonMapper().valueToTree(sdkObject);
    }

    private static List<String> types(List<ResponseStreamEvent> events) {
        return events.stream().map(e -> json(e).path("type").asText()).toList();
    }

    private static String text(Response response) {
        StringBuilder text = new StringBuilder();
        for (ResponseOutputItem item : response.output()) {
            if (item.isMessage()) {
                for (ResponseOutputMessage.Content content : item.asMessage().content()) {
                    text.append(content.asOutputText().text());
                }
            }
        }
        return text.toString();
    }

    private static void assertUsageMatches(ResponseUsage usage, JsonNode usageMetadata) {
        long prompt = usageMetadata.path("promptTokenCount").asLong();
        long output = usageMetadata.path("candidatesTokenCount").asLong(0) + usageMetadata.path("thoughtsTokenCount").asLong(0);
        assertThat(prompt).isPositive();
        assertThat(usage.inputTokens()).as("input_tokens").isEqualTo(prompt);
        assertThat(usage.outputTokens()).as("output_tokens").isEqualTo(output);
        assertThat(usage.totalTokens()).as("total_tokens").isEqualTo(prompt + output)
                .isEqualTo(usageMetadata.path("totalTokenCount").asLong());
        assertThat(usage.outputTokensDetails().reasoningTokens()).as("reasoning_tokens")
                .isEqualTo(usageMetadata.path("thoughtsTokenCount").asLong(0));
        assertThat(usage.inputTokensDetails().cachedTokens()).as("cached_tokens")
                .isEqualTo(usageMetadata.path("cachedContentTokenCount").asLong(0));
    }

    static FunctionTool getWeather() {
        return FunctionTool.builder()
                .name("get_weather")
                .description("Current weather in a city")
                .parameters(FunctionTool.Parameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                        .putAdditionalProperty("additionalProperties", JsonValue.from(false))
                        .build())
                .strict(true)
                .build();
    }

    @Test
    void aStringInputWithInstructionsIsOneCompletedMessage() {
        Response response = create(ResponseCreateParams.builder().model(FLASH)
                .instructions("You are a terse assistant.")
                .input("Hello there")
                .build());

        assertThat(response.id()).startsWith("resp_");
        assertThat(response._object_()).isEqualTo(JsonValue.from("response"));
        assertThat(response.createdAt()).isCloseTo(System.currentTimeMillis() / 1000.0, within(60.0));
        assertThat(response.status()).contains(ResponseStatus.COMPLETED);
        assertThat(response.incompleteDetails()).isEmpty();
        assertThat(response.model().asString()).isEqualTo(FLASH);
        assertThat(response.instructions().orElseThrow().asString()).isEqualTo("You are a terse assistant.");
        assertThat(response.output()).hasSize(1);
        ResponseOutputMessage message = response.output().get(0).asMessage();
        assertThat(message.id()).startsWith("msg_");
        assertThat(message.status()).isEqualTo(ResponseOutputMessage.Status.COMPLETED);
        assertThat(text(response)).contains("This is the Junction mock of gemini-2.5-flash. You said: \"Hello there\"");

        ReceivedRequest upstream = onlyUpstreamRequest();
        assertThat(upstream.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
        JsonNode sent = upstream.bodyJson();
        assertThat(sent.at("/systemInstruction/parts/0/text").asText()).isEqualTo("You are a terse assistant.");
        assertThat(sent.path("contents")).hasSize(1);
        assertThat(sent.at("/contents/0/parts/0/text").asText()).isEqualTo("Hello there");
        assertUsageMatches(response.usage().orElseThrow(), junction.upstreamAnswer(upstream).path("usageMetadata"));

        String requestId = response.id().substring("resp_".length());
        UsageRecord record = junction.awaitRecords(r -> r.requestId().equals(requestId), 1).get(0);
        assertThat(record.endpoint()).isEqualTo("responses");
        assertThat(record.stream()).isFalse();
        assertThat(record.protocol()).isEqualTo("openai");
        assertThat(record.model()).isEqualTo(FLASH);
        assertThat(record.status()).isEqualTo(200);
        assertThat(record.promptTokens()).isEqualTo(response.usage().orElseThrow().inputTokens());
    }

    @Test
    void messageItemsAndSamplingReachTheUpstream() {
        Response response = create(ResponseCreateParams.builder().model(FLASH)
                .inputOfResponse(List.of(
                        ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder()
                                .role(EasyInputMessage.Role.DEVELOPER).content("Answer in English.").build()),
                        ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder()
                                .role(EasyInputMessage.Role.USER).content("First question").build()),
                        ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder()
                                .role(EasyInputMessage.Role.ASSISTANT).content("First answer").build()),
                        ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder()
                                .role(EasyInputMessage.Role.USER).content("Second question").build())))
                .temperature(0.3)
                .topP(0.9)
                .maxOutputTokens(500L)
                .build());

        assertThat(response.temperature()).contains(0.3);
        assertThat(response.topP()).contains(0.9);
        assertThat(response.maxOutputTokens()).contains(500L);
        JsonNode sent = onlyUpstreamRequest().bodyJson();
        assertThat(sent.at("/systemInstruction/parts/0/text").asText()).isEqualTo("Answer in English.");
        assertThat(sent.path("contents")).hasSize(3);
        assertThat(sent.at("/contents/1/role").asText()).isEqualTo("model");
        assertThat(sent.at("/contents/1/parts/0/text").asText()).isEqualTo("First answer");
        assertThat(sent.at("/generationConfig/temperature").asDouble()).isEqualTo(0.3);
        assertThat(sent.at("/generationConfig/topP").asDouble()).isEqualTo(0.9);
        assertThat(sent.at("/generationConfig/maxOutputTokens").asInt()).isEqualTo(500);
    }

    @Test
    void aStreamIsOpenAisTypedEventsInOrderNumberedFromZero() {
        List<ResponseStreamEvent> events = stream(ResponseCreateParams.builder().model(FLASH)
                .input("Tell me a story mock:events=4")
                .build());

        List<String> types = types(events);
        assertThat(types.subList(0, 5)).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta");
        assertThat(types.subList(types.size() - 4, types.size())).containsExactly("response.output_text.done",
                "response.content_part.done", "response.output_item.done", "response.completed");
        assertThat(types.stream().filter(t -> t.equals("response.output_text.delta")).count()).isEqualTo(4);
        for (int i = 0; i < events.size(); i++) {
            assertThat(json(events.get(i)).path("sequence_number").asInt()).as("event %d", i).isEqualTo(i);
        }
        assertThat(events.get(0).asCreated().response().status()).contains(ResponseStatus.IN_PROGRESS);

        String deltas = events.stream().filter(ResponseStreamEvent::isOutputTextDelta)
                .map(e -> e.asOutputTextDelta().delta()).reduce("", String::concat);
        assertThat(events.stream().filter(ResponseStreamEvent::isOutputTextDone).findFirst().orElseThrow()
                .asOutputTextDone().text()).isEqualTo(deltas);
        Response completed = events.get(events.size() - 1).asCompleted().response();
        assertThat(completed.status()).contains(ResponseStatus.COMPLETED);
        assertThat(text(completed)).isEqualTo(deltas).contains("Tell me a story");
        String itemId = events.get(2).asOutputItemAdded().item().asMessage().id();
        assertThat(completed.output().get(0).asMessage().id()).isEqualTo(itemId);
        ReceivedRequest upstream = onlyUpstreamRequest();
        assertThat(upstream.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent");
        assertUsageMatches(completed.usage().orElseThrow(), junction.upstreamAnswer(upstream).path("usageMetadata"));

        UsageRecord record = junction.awaitRecords(r -> r.endpoint().equals("responses") && r.stream(), 1).get(0);
        assertThat(record.outputTokens()).isPositive();
    }

    @Test
    void aFunctionCallTurnAndItsOutputFollowUp() throws Exception {
        Response first = create(ResponseCreateParams.builder().model(FLASH)
                .input("What is the weather in Paris?")
                .addTool(getWeather())
                .toolChoice(ToolChoiceOptions.AUTO)
                .build());

        assertThat(first.status()).contains(ResponseStatus.COMPLETED);
        List<ResponseFunctionToolCall> calls = first.output().stream().filter(ResponseOutputItem::isFunctionCall)
                .map(ResponseOutputItem::asFunctionCall).toList();
        assertThat(calls).hasSize(1);
        ResponseFunctionToolCall call = calls.get(0);
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(call.callId()).startsWith("call_");
        assertThat(call.id()).get().asString().startsWith("fc_");
        assertThat(Json.MAPPER.readTree(call.arguments()).has("city")).isTrue();
        assertThat(first.tools()).hasSize(1);
        JsonNode declared = onlyUpstreamRequest().bodyJson().at("/tools/0/functionDeclarations/0");
        assertThat(declared.path("name").asText()).isEqualTo("get_weather");

        junction.mock().clear();
        List<ResponseInputItem> history = new ArrayList<>();
        history.add(ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder()
                .role(EasyInputMessage.Role.USER).content("What is the weather in Paris?").build()));
        first.output().forEach(item -> history.add(ResponseInputItem.ofFunctionCall(item.asFunctionCall())));
        history.add(ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                .callId(call.callId()).output("{\"temperature_c\": 18}").build()));
        Response second = create(ResponseCreateParams.builder().model(FLASH)
                .inputOfResponse(history)
                .addTool(getWeather())
                .build());

        assertThat(second.output()).allMatch(ResponseOutputItem::isMessage);
        assertThat(text(second)).isNotEmpty();
        JsonNode contents = onlyUpstreamRequest().bodyJson().path("contents");
        assertThat(contents).hasSize(3);
        assertThat(contents.at("/1/parts/0/functionCall/name").asText()).isEqualTo("get_weather");
        JsonNode result = contents.at("/2/parts/0/functionResponse");
        assertThat(result.path("name").asText()).isEqualTo("get_weather");
        assertThat(result.at("/response/temperature_c").asInt()).isEqualTo(18);
    }

    @Test
    void aStreamedFunctionCallHasItsArgumentsEvents() {
        List<ResponseStreamEvent> events = stream(ResponseCreateParams.builder().model(FLASH)
                .input("Weather in Paris?")
                .addTool(getWeather())
                .build());

        assertThat(types(events)).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.done", "response.output_item.done", "response.completed");
        ResponseFunctionToolCall added = events.get(2).asOutputItemAdded().item().asFunctionCall();
        assertThat(added.name()).isEqualTo("get_weather");
        assertThat(events.get(3).asFunctionCallArgumentsDelta().itemId()).isEqualTo(added.id().orElseThrow());
        String arguments = events.get(4).asFunctionCallArgumentsDone().arguments();
        assertThat(events.get(3).asFunctionCallArgumentsDelta().delta()).isEqualTo(arguments);
        ResponseFunctionToolCall done = events.get(5).asOutputItemDone().item().asFunctionCall();
        assertThat(done.arguments()).isEqualTo(arguments);
        assertThat(done.callId()).isEqualTo(added.callId());
        assertThat(events.get(6).asCompleted().response().output().get(0).asFunctionCall().callId())
                .isEqualTo(added.callId());
    }

    @Test
    void aReasoningSummaryIsAReasoningItemBeforeTheMessage() {
        Response response = create(ResponseCreateParams.builder().model(FLASH)
                .input("Think about this")
                .reasoning(Reasoning.builder().effort(ReasoningEffort.LOW).summary(Reasoning.Summary.AUTO).build())
                .build());

        JsonNode thinking = onlyUpstreamRequest().bodyJson().at("/generationConfig/thinkingConfig");
        assertThat(thinking.path("thinkingBudget").asInt()).isEqualTo(1024);
        assertThat(thinking.path("includeThoughts").asBoolean()).isTrue();
        assertThat(response.output()).hasSize(2);
        assertThat(response.output().get(0).isReasoning()).isTrue();
        assertThat(response.output().get(0).asReasoning().id()).startsWith("rs_");
        assertThat(response.output().get(0).asReasoning().summary().get(0).text()).contains("**");
        assertThat(response.output().get(1).isMessage()).isTrue();
        ResponseUsage usage = response.usage().orElseThrow();
        assertThat(usage.outputTokensDetails().reasoningTokens()).isPositive();
        assertUsageMatches(usage, junction.upstreamAnswer(onlyUpstreamRequest()).path("usageMetadata"));
        assertThat(response.reasoning().orElseThrow().summary()).contains(Reasoning.Summary.AUTO);
    }

    @Test
    void aStreamedReasoningSummaryHasItsSummaryEvents() {
        List<ResponseStreamEvent> events = stream(ResponseCreateParams.builder().model(FLASH)
                .input("Think about this")
                .reasoning(Reasoning.builder().effort(ReasoningEffort.LOW).summary(Reasoning.Summary.DETAILED).build())
                .build());

        List<String> types = types(events);
        assertThat(types.subList(0, 5)).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.reasoning_summary_part.added",
                "response.reasoning_summary_text.delta");
        int summaryDone = types.indexOf("response.reasoning_summary_text.done");
        assertThat(types.subList(summaryDone, summaryDone + 4)).containsExactly(
                "response.reasoning_summary_text.done", "response.reasoning_summary_part.done",
                "response.output_item.done", "response.output_item.added");
        assertThat(events.get(summaryDone + 3).asOutputItemAdded().outputIndex()).isEqualTo(1);
        String summary = events.stream().filter(ResponseStreamEvent::isReasoningSummaryTextDelta)
                .map(e -> e.asReasoningSummaryTextDelta().delta()).reduce("", String::concat);
        assertThat(events.get(summaryDone).asReasoningSummaryTextDone().text()).isEqualTo(summary);
        Response completed = events.get(events.size() - 1).asCompleted().response();
        assertThat(completed.output().get(0).asReasoning().summary().get(0).text()).isEqualTo(summary);
        assertThat(completed.output().get(1).isMessage()).isTrue();
    }

    @Test
    void withoutASummaryNoReasoningItemIsShown() {
        Response response = create(ResponseCreateParams.builder().model(FLASH)
                .input("Think about this")
                .reasoning(Reasoning.builder().effort(ReasoningEffort.MEDIUM).build())
                .build());

        assertThat(response.output()).allMatch(ResponseOutputItem::isMessage);
        assertThat(onlyUpstreamRequest().bodyJson().at("/generationConfig/thinkingConfig/includeThoughts")
                .asBoolean(false)).isFalse();
    }

    @Test
    void aJsonSchemaFormatIsGeminisResponseSchemaAndTheAnswerFitsIt() throws Exception {
        Response response = create(ResponseCreateParams.builder().model(FLASH)
                .input("A city and its country")
                .text(ResponseTextConfig.builder().format(ResponseFormatTextJsonSchemaConfig.builder()
                        .name("place")
                        .schema(ResponseFormatTextJsonSchemaConfig.Schema.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties", JsonValue.from(Map.of(
                                        "city", Map.of("type", "string"), "country", Map.of("type", "string"))))
                                .putAdditionalProperty("required", JsonValue.from(List.of("city", "country")))
                                .build())
                        .strict(true)
                        .build()).build())
                .build());

        JsonNode config = onlyUpstreamRequest().bodyJson().path("generationConfig");
        assertThat(config.path("responseMimeType").asText()).isEqualTo("application/json");
        assertThat(config.at("/responseJsonSchema/required")).hasSize(2);
        JsonNode answer = Json.MAPPER.readTree(text(response));
        assertThat(answer.path("city").isTextual()).isTrue();
        assertThat(answer.path("country").isTextual()).isTrue();
        assertThat(response.text().orElseThrow().format().orElseThrow().isJsonSchema()).isTrue();
    }

    @Test
    void aJsonObjectFormatAsksForJson() {
        create(ResponseCreateParams.builder().model(FLASH)
                .input("Some JSON please")
                .text(ResponseTextConfig.builder().format(ResponseFormatJsonObject.builder().build()).build())
                .build());

        assertThat(onlyUpstreamRequest().bodyJson().at("/generationConfig/responseMimeType").asText())
                .isEqualTo("application/json");
    }

    @Test
    void theTokenLimitMakesAnIncompleteResponse() {
        Response response = create(ResponseCreateParams.builder().model(FLASH)
                .input("Go on mock:finish=MAX_TOKENS")
                .maxOutputTokens(16L)
                .build());

        assertThat(response.status()).contains(ResponseStatus.INCOMPLETE);
        assertThat(response.incompleteDetails().orElseThrow().reason())
                .contains(Response.IncompleteDetails.Reason.MAX_OUTPUT_TOKENS);
    }

    @Test
    void theTokenLimitEndsAStreamWithResponseIncomplete() {
        List<ResponseStreamEvent> events = stream(ResponseCreateParams.builder().model(FLASH)
                .input("Go on mock:finish=MAX_TOKENS")
                .build());

        ResponseStreamEvent last = events.get(events.size() - 1);
        assertThat(last.isIncomplete()).isTrue();
        assertThat(last.asIncomplete().response().incompleteDetails().orElseThrow().reason())
                .contains(Response.IncompleteDetails.Reason.MAX_OUTPUT_TOKENS);
    }

    @Test
    void aBlockedPromptIsAnIncompleteResponseWithoutOutput() {
        Response response = create(ResponseCreateParams.builder().model(FLASH).input("Hello mock:block").build());
        assertThat(response.status()).contains(ResponseStatus.INCOMPLETE);
        assertThat(response.incompleteDetails().orElseThrow().reason())
                .contains(Response.IncompleteDetails.Reason.CONTENT_FILTER);
        assertThat(response.output()).isEmpty();

        List<ResponseStreamEvent> events = stream(ResponseCreateParams.builder().model(FLASH)
                .input("Hello mock:block").build());
        assertThat(types(events)).containsExactly("response.created", "response.in_progress", "response.incomplete");
    }

    /**
     * Gemini 3 refuses a function call sent back without its thought signature; a Responses
     * client cannot carry it, so Junction restores it when the client resends its history.
     */
    @Test
    void aGemini3ToolLoopWorksWhenTheClientResendsItsHistory() {
        String gemini3 = "gemini-3-pro-preview";
        ResponseCreateParams.Builder params = ResponseCreateParams.builder().model(gemini3).addTool(getWeather());
        List<ResponseInputItem> history = new ArrayList<>();
        history.add(ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder()
                .role(EasyInputMessage.Role.USER).content("Weather in Paris, then Rome? mock:steps=2").build()));
        for (int step = 0; step < 2; step++) {
            Response response = create(params.inputOfResponse(history).build());
            ResponseFunctionToolCall call = response.output().stream().filter(ResponseOutputItem::isFunctionCall)
                    .map(ResponseOutputItem::asFunctionCall).findFirst().orElseThrow();
            response.output().forEach(item -> {
                if (item.isFunctionCall()) {
                    history.add(ResponseInputItem.ofFunctionCall(item.asFunctionCall()));
                } else if (item.isMessage()) {
                    history.add(ResponseInputItem.ofResponseOutputMessage(item.asMessage()));
                }
            });
            history.add(ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                    .callId(call.callId()).output("{\"temperature_c\": " + (18 + step) + "}").build()));
        }
        junction.mock().clear();
        Response last = create(params.inputOfResponse(history).build());

        assertThat(last.output()).allMatch(ResponseOutputItem::isMessage);
        JsonNode contents = onlyUpstreamRequest().bodyJson().path("contents");
        assertThat(contents).hasSize(5);
        for (int i : new int[] {1, 3}) {
            assertThat(contents.get(i).at("/parts/0/thoughtSignature").asText()).as("step %d", i)
                    .isNotBlank().isNotEqualTo("skip_thought_signature_validator");
        }
    }

    @Test
    void previousResponseIdIsAClearBadRequest() {
        assertThatThrownBy(() -> noRetries.responses().create(ResponseCreateParams.builder().model(FLASH)
                .input("Hello").previousResponseId("resp_123").build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("previous_response_id is not supported");
                    assertThat(e.param()).contains("previous_response_id");
                });
        assertThat(junction.mock().received()).isEmpty();
    }

    @Test
    void anUpstreamRateLimitIsOpenAisRateLimitError() {
        assertThatThrownBy(() -> noRetries.responses().create(ResponseCreateParams.builder().model(FLASH)
                .input("Hello mock:error=429").build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.type()).contains("requests");
                });
        UsageRecord record = junction.awaitRecords(r -> r.endpoint().equals("responses") && r.status() == 429, 1)
                .get(0);
        assertThat(record.errorKind()).isPresent();
    }

    @Test
    void aFailureMidStreamIsResponseFailed() {
        List<ResponseStreamEvent> events = stream(ResponseCreateParams.builder().model(FLASH)
                .input("Hello mock:midstream-error").build());

        ResponseStreamEvent last = events.get(events.size() - 1);
        assertThat(last.isFailed()).as(types(events).toString()).isTrue();
        Response failed = last.asFailed().response();
        assertThat(failed.status()).contains(ResponseStatus.FAILED);
        assertThat(failed.error().orElseThrow().message()).isNotBlank();
        assertThat(types(events)).doesNotContain("response.completed");
    }

    @Test
    void hostileInputIsA400InOpenAisShape() throws Exception {
        for (String body : List.of(
                "{\"model\":\"gemini-2.5-flash\"}",
                "{\"model\":\"gemini-2.5-flash\",\"input\":42}",
                "{\"model\":\"gemini-2.5-flash\",\"input\":[{\"type\":\"computer_call\"}]}",
                "{\"model\":\"gemini-2.5-flash\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_audio\"}]}]}",
                "{\"model\":\"gemini-2.5-flash\",\"input\":[{\"type\":\"function_call_output\",\"call_id\":\"x\",\"output\":\"1\"}]}",
                "{\"model\":\"gemini-2.5-flash\",\"input\":\"hi\",\"tools\":[{\"type\":\"web_search\"}]}",
                "{\"model\":\"gemini-2.5-flash\",\"input\":\"hi\",\"max_output_tokens\":\"ten\"}",
                "{\"model\":\"gemini-2.5-flash\",\"input\":\"hi\",\"reasoning\":{\"summary\":\"loud\"}}",
                "[1,2]")) {
            HttpResponse<String> response = junction.post("/v1/responses", TestGateway.bearer(token), body);
            assertThat(response.statusCode()).as(body + " -> " + response.body()).isEqualTo(400);
            JsonNode error = Json.MAPPER.readTree(response.body()).path("error");
            assertThat(error.path("type").asText()).as(body).isEqualTo("invalid_request_error");
            assertThat(error.path("message").asText()).as(body).isNotBlank();
        }
        assertThat(junction.mock().received()).isEmpty();
    }

    @Test
    void storedResponsesCannotBeReadBack() throws Exception {
        HttpResponse<String> response = junction.get("/v1/responses/resp_123", TestGateway.bearer(token));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Json.MAPPER.readTree(response.body()).at("/error/message").asText()).contains("not stored");
    }
}
