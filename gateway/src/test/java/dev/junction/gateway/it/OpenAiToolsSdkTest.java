package dev.junction.gateway.it;

import static dev.junction.gateway.it.OpenAiSdk.assertUsageMatches;
import static dev.junction.gateway.it.OpenAiSdk.extra;
import static dev.junction.gateway.it.OpenAiSdk.onlyUpstreamRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionNamedToolChoice;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolChoiceOption;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import dev.junction.mock.gemini.ReceivedRequest;
import dev.junction.gateway.testing.TestGateway;
import dev.junction.protocol.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tool calling through the OpenAI SDK (S10), including what makes Gemini 3 tool use hard for
 * OpenAI clients: the thought signatures they do not know about and drop (PROTOCOLS §2.4, §2.5).
 */
class OpenAiToolsSdkTest {
    private static final String FLASH = "gemini-2.5-flash";
    private static final String GEMINI_3 = "gemini-3-pro-preview";
    private static final String BYPASS = "skip_thought_signature_validator";

    @TempDir
    static Path dir;

    static TestGateway junction;
    static String token;
    static OpenAIClient client;

    @BeforeAll
    static void start() {
        junction = TestGateway.start(dir.resolve("main"));
        token = junction.issue("openai-tools-user");
        client = OpenAiSdk.client(junction, token);
    }

    @AfterAll
    static void stop() {
        junction.close();
    }

    @BeforeEach
    void clearUpstream() {
        junction.mock().clear();
    }

    /** The spec's tool, as its curl declares it. */
    static FunctionDefinition getWeather() {
        return FunctionDefinition.builder()
                .name("get_weather")
                .description("获取城市天气")
                .parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of(
                                "city", Map.of("type", "string", "description", "城市名"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                        .build())
                .build();
    }

    static FunctionDefinition getTime() {
        return FunctionDefinition.builder()
                .name("get_time")
                .description("Current time in a time zone")
                .parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of(
                                "zone", Map.of("type", "string", "enum", List.of("Europe/Paris", "Asia/Shanghai")))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("zone")))
                        .build())
                .build();
    }

    static ChatCompletionCreateParams.Builder weatherQuestion(String model, String prompt) {
        return ChatCompletionCreateParams.builder().model(model)
                .addUserMessage(prompt)
                .addFunctionTool(getWeather())
                .addFunctionTool(getTime());
    }

    static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** A tool call as the client holds it: what it can send back. */
    record Call(String id, String name, String arguments) {}

    static List<Call> calls(ChatCompletionMessage message) {
        return message.toolCalls().orElseThrow().stream().map(ChatCompletionMessageToolCall::asFunction)
                .map(c -> new Call(c.id(), c.function().name(), c.function().arguments())).toList();
    }

    /** The tool calls of a stream, put together from their deltas as OpenAI clients do. */
    static List<Call> calls(List<ChatCompletionChunk> chunks) {
        Map<Long, String[]> byIndex = new TreeMap<>();
        for (ChatCompletionChunk chunk : chunks) {
            for (ChatCompletionChunk.Choice choice : chunk.choices()) {
                for (ChatCompletionChunk.Choice.Delta.ToolCall call : choice.delta().toolCalls().orElse(List.of())) {
                    String[] acc = byIndex.computeIfAbsent(call.index(), i -> new String[] {null, null, ""});
                    call.id().ifPresent(id -> acc[0] = id);
                    call.function().flatMap(ChatCompletionChunk.Choice.Delta.ToolCall.Function::name)
                            .ifPresent(n -> acc[1] = n);
                    call.function().flatMap(ChatCompletionChunk.Choice.Delta.ToolCall.Function::arguments)
                            .ifPresent(a -> acc[2] += a);
                }
            }
        }
        return byIndex.values().stream().map(a -> new Call(a[0], a[1], a[2])).toList();
    }

    /**
     * The assistant message rebuilt from the typed fields of the SDK's response objects, as an
     * application that keeps its own history does: everything the SDK does not model, Google's
     * {@code extra_content} included, is gone.
     */
    static ChatCompletionAssistantMessageParam rebuilt(List<Call> calls) {
        ChatCompletionAssistantMessageParam.Builder message = ChatCompletionAssistantMessageParam.builder();
        for (Call call : calls) {
            message.addToolCall(ChatCompletionMessageFunctionToolCall.builder()
                    .id(call.id())
                    .function(ChatCompletionMessageFunctionToolCall.Function.builder()
                            .name(call.name()).arguments(call.arguments()).build())
                    .build());
        }
        ChatCompletionAssistantMessageParam built = message.build();
        built.toolCalls().orElseThrow().forEach(c -> assertThat(c.asFunction()._additionalProperties()).isEmpty());
        return built;
    }

    static ChatCompletionToolMessageParam result(Call call, String json) {
        return ChatCompletionToolMessageParam.builder().toolCallId(call.id()).content(json).build();
    }

    static List<ChatCompletionChunk> stream(ChatCompletionCreateParams params) {
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            return stream.stream().toList();
        }
    }

    static List<ChatCompletionChunk.Choice.FinishReason> finishReasons(List<ChatCompletionChunk> chunks) {
        return chunks.stream().flatMap(c -> c.choices().stream()).flatMap(c -> c.finishReason().stream()).toList();
    }

    /** The thought signature on the first {@code functionCall} part of a model content. */
    static String signatureOfStep(JsonNode content) {
        for (JsonNode part : content.path("parts")) {
            if (part.has("functionCall")) {
                return part.path("thoughtSignature").asText(null);
            }
        }
        throw new AssertionError("no function call in " + content);
    }

    @Test
    void theSpecsWeatherToolGivesAToolCall() {
        ChatCompletion completion = client.chat().completions().create(
                ChatCompletionCreateParams.builder().model(FLASH)
                        .addUserMessage("北京今天天气怎么样?")
                        .addFunctionTool(getWeather())
                        .build());

        ChatCompletion.Choice choice = completion.choices().get(0);
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        assertThat(choice.message().content()).isEmpty();
        List<Call> calls = calls(choice.message());
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).name()).isEqualTo("get_weather");
        assertThat(calls.get(0).id()).isNotBlank();
        JsonNode arguments = json(calls.get(0).arguments());
        assertThat(arguments.path("city").isTextual()).isTrue();

        ReceivedRequest upstream = onlyUpstreamRequest(junction);
        JsonNode declaration = upstream.bodyJson().at("/tools/0/functionDeclarations/0");
        assertThat(declaration.path("name").asText()).isEqualTo("get_weather");
        assertThat(declaration.path("description").asText()).isEqualTo("获取城市天气");
        JsonNode schema = declaration.has("parametersJsonSchema") ? declaration.get("parametersJsonSchema")
                : declaration.get("parameters");
        assertThat(schema.at("/properties/city/description").asText()).isEqualTo("城市名");
        assertThat(schema.path("required").get(0).asText()).isEqualTo("city");
        JsonNode answer = junction.upstreamAnswer(upstream);
        assertThat(arguments).isEqualTo(answer.at("/candidates/0/content/parts").findValue("args"));
        assertUsageMatches(completion.usage().orElseThrow(), answer.path("usageMetadata"));
    }

    @Test
    void theSpecsWeatherToolStreamed() {
        List<ChatCompletionChunk> chunks = stream(ChatCompletionCreateParams.builder().model(FLASH)
                .addUserMessage("北京今天天气怎么样?")
                .addFunctionTool(getWeather())
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build());

        assertThat(finishReasons(chunks)).containsExactly(ChatCompletionChunk.Choice.FinishReason.TOOL_CALLS);
        List<ChatCompletionChunk.Choice.Delta.ToolCall> deltas = chunks.stream().flatMap(c -> c.choices().stream())
                .flatMap(c -> c.delta().toolCalls().orElse(List.of()).stream()).toList();
        assertThat(deltas).isNotEmpty();
        ChatCompletionChunk.Choice.Delta.ToolCall first = deltas.get(0);
        assertThat(first.index()).isZero();
        assertThat(first.id()).get().asString().isNotBlank();
        assertThat(first.type()).contains(ChatCompletionChunk.Choice.Delta.ToolCall.Type.FUNCTION);
        assertThat(first.function().orElseThrow().name()).contains("get_weather");
        List<Call> calls = calls(chunks);
        assertThat(calls).hasSize(1);
        assertThat(json(calls.get(0).arguments()).path("city").isTextual()).isTrue();
        ReceivedRequest upstream = onlyUpstreamRequest(junction);
        assertThat(upstream.pathAndQuery()).endsWith(":streamGenerateContent?alt=sse");
        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertThat(last.choices()).isEmpty();
        assertUsageMatches(last.usage().orElseThrow(), junction.upstreamAnswer(upstream).path("usageMetadata"));
    }

    @Test
    void toolChoiceRequiredIsModeAny() {
        ChatCompletion completion = client.chat().completions().create(weatherQuestion(FLASH, "What's up?")
                .toolChoice(ChatCompletionToolChoiceOption.Auto.REQUIRED).build());
        JsonNode config = onlyUpstreamRequest(junction).bodyJson().at("/toolConfig/functionCallingConfig");
        assertThat(config.path("mode").asText()).isEqualTo("ANY");
        assertThat(config.has("allowedFunctionNames")).isFalse();
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    }

    @Test
    void toolChoiceNoneIsModeNoneAndATextAnswer() {
        ChatCompletion completion = client.chat().completions().create(weatherQuestion(FLASH, "Just chat with me")
                .toolChoice(ChatCompletionToolChoiceOption.Auto.NONE).build());
        JsonNode config = onlyUpstreamRequest(junction).bodyJson().at("/toolConfig/functionCallingConfig");
        assertThat(config.path("mode").asText()).isEqualTo("NONE");
        ChatCompletion.Choice choice = completion.choices().get(0);
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(choice.message().toolCalls()).isEmpty();
        assertThat(choice.message().content()).get().asString().contains("Just chat with me");
    }

    @Test
    void aNamedToolChoiceAllowsOnlyThatFunction() {
        ChatCompletion completion = client.chat().completions().create(weatherQuestion(FLASH, "What time is it?")
                .toolChoice(ChatCompletionNamedToolChoice.builder()
                        .function(ChatCompletionNamedToolChoice.Function.builder().name("get_time").build())
                        .build())
                .build());
        JsonNode config = onlyUpstreamRequest(junction).bodyJson().at("/toolConfig/functionCallingConfig");
        assertThat(config.path("mode").asText()).isEqualTo("ANY");
        assertThat(config.path("allowedFunctionNames")).hasSize(1);
        assertThat(config.path("allowedFunctionNames").get(0).asText()).isEqualTo("get_time");
        List<Call> calls = calls(completion.choices().get(0).message());
        assertThat(calls).extracting(Call::name).containsExactly("get_time");
        assertThat(json(calls.get(0).arguments()).path("zone").asText()).isIn("Europe/Paris", "Asia/Shanghai");
    }

    @ParameterizedTest(name = "{0} stream={1}")
    @CsvSource({FLASH + ",false", GEMINI_3 + ",false", GEMINI_3 + ",true"})
    void parallelCallsAreAnsweredInOneUserTurn(String model, boolean streamed) {
        List<Call> calls = toolCalls(weatherQuestion(model, "Weather and time in Paris? mock:parallel").build(), streamed);
        assertThat(calls).extracting(Call::name).containsExactly("get_weather", "get_time");
        assertThat(calls.get(0).id()).isNotEqualTo(calls.get(1).id());
        String issued = signatureOfStep(junction.upstreamAnswer(onlyUpstreamRequest(junction))
                .at("/candidates/0/content"));
        junction.mock().clear();

        String answer = text(weatherQuestion(model, "Weather and time in Paris? mock:parallel")
                .addMessage(rebuilt(calls))
                .addMessage(result(calls.get(0), "{\"tempC\":15}"))
                .addMessage(result(calls.get(1), "{\"time\":\"10:00\"}"))
                .build(), streamed);

        assertThat(answer)
                .contains("Function get_weather returned {\"tempC\":15}")
                .contains("Function get_time returned {\"time\":\"10:00\"}");
        JsonNode contents = onlyUpstreamRequest(junction).bodyJson().path("contents");
        assertThat(contents).hasSize(3);
        JsonNode step = contents.get(1);
        // Gemini 2.5 signs the first part only when thinking (on by default for Flash) meets tools.
        assertThat(signatureOfStep(step)).isEqualTo(issued);
        assertThat(step.path("role").asText()).isEqualTo("model");
        assertThat(step.path("parts")).hasSize(2);
        assertThat(step.at("/parts/0/functionCall/name").asText()).isEqualTo("get_weather");
        assertThat(step.at("/parts/1/functionCall/name").asText()).isEqualTo("get_time");
        assertThat(step.at("/parts/1").has("thoughtSignature")).as("only the first call of a step is signed").isFalse();
        JsonNode results = contents.get(2);
        assertThat(results.path("role").asText()).isEqualTo("user");
        assertThat(results.path("parts")).hasSize(2);
        assertThat(results.at("/parts/0/functionResponse/name").asText()).isEqualTo("get_weather");
        assertThat(results.at("/parts/0/functionResponse/response/tempC").asInt()).isEqualTo(15);
        assertThat(results.at("/parts/1/functionResponse/name").asText()).isEqualTo("get_time");
        assertThat(results.at("/parts/1/functionResponse/response/time").asText()).isEqualTo("10:00");
    }

    /**
     * A three-turn conversation with Gemini 3 from an unmodified openai-java application that
     * keeps its history in the SDK's own types: each turn's request is the whole conversation so
     * far, assistant tool calls without the signatures the client never saw.
     */
    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void aThreeTurnGemini3ToolConversationFromAnUnmodifiedClient(boolean streamed) {
        // Turn 1: the question; Gemini 3 calls a tool and signs the call.
        ChatCompletionCreateParams.Builder conversation = weatherQuestion(GEMINI_3, "Weather in Paris?");
        List<Call> firstCalls = toolCalls(conversation.build(), streamed);
        ReceivedRequest turn1 = onlyUpstreamRequest(junction);
        String signature1 = signatureOfStep(junction.upstreamAnswer(turn1).at("/candidates/0/content"));
        assertThat(signature1).hasSizeGreaterThan(100);
        junction.mock().clear();

        // Turn 2: the tool's result goes back with the call, which lost its signature in the client.
        conversation.addMessage(rebuilt(firstCalls)).addMessage(result(firstCalls.get(0), "{\"tempC\":15}"));
        String answer = text(conversation.build(), streamed);
        assertThat(answer).contains("Function get_weather returned {\"tempC\":15}");
        JsonNode contents = onlyUpstreamRequest(junction).bodyJson().path("contents");
        assertThat(contents).hasSize(3);
        assertThat(signatureOfStep(contents.get(1))).isEqualTo(signature1);
        junction.mock().clear();

        // Turn 3: a new question in the same conversation; another call, another signature.
        conversation.addAssistantMessage(answer).addUserMessage("And in London? mock:call=get_weather");
        List<Call> secondCalls = toolCalls(conversation.build(), streamed);
        ReceivedRequest turn3 = onlyUpstreamRequest(junction);
        String signature2 = signatureOfStep(junction.upstreamAnswer(turn3).at("/candidates/0/content"));
        assertThat(turn3.bodyJson().path("contents")).hasSize(5);
        assertThat(signatureOfStep(turn3.bodyJson().path("contents").get(1))).isEqualTo(signature1);
        junction.mock().clear();

        conversation.addMessage(rebuilt(secondCalls)).addMessage(result(secondCalls.get(0), "{\"tempC\":11}"));
        assertThat(text(conversation.build(), streamed)).contains("Function get_weather returned {\"tempC\":11}");
        JsonNode last = onlyUpstreamRequest(junction).bodyJson().path("contents");
        assertThat(last).hasSize(7);
        assertThat(signatureOfStep(last.get(1))).isEqualTo(signature1);
        assertThat(signatureOfStep(last.get(5))).isEqualTo(signature2).isNotEqualTo(signature1);

        // The same history, replayed to a Junction that never saw it (restarted, another
        // instance): its store is empty, so the current turn's step gets Google's bypass value.
        try (TestGateway fresh = TestGateway.start(dir.resolve("fresh-" + streamed))) {
            OpenAIClient other = OpenAiSdk.client(fresh, fresh.issue("fresh-user"));
            ChatCompletion completion = other.chat().completions().create(conversation.build());
            assertThat(completion.choices().get(0).message().content()).get().asString()
                    .contains("Function get_weather returned {\"tempC\":11}");
            JsonNode replayed = onlyUpstreamRequest(fresh).bodyJson().path("contents");
            assertThat(signatureOfStep(replayed.get(5))).isEqualTo(BYPASS);
        }
    }

    /**
     * One user turn, two sequential tool steps (an agent loop): Gemini 3 validates the signature
     * of EVERY step of the current turn, so Junction must restore each one onto its own call.
     */
    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void aGemini3TurnOfTwoSequentialToolStepsGetsEachStepsSignatureBack(boolean streamed) {
        ChatCompletionCreateParams.Builder conversation = weatherQuestion(GEMINI_3, "Plan my day in Paris mock:steps=2");
        List<Call> step1 = toolCalls(conversation.build(), streamed);
        String signature1 = signatureOfStep(junction.upstreamAnswer(onlyUpstreamRequest(junction))
                .at("/candidates/0/content"));
        junction.mock().clear();

        conversation.addMessage(rebuilt(step1)).addMessage(result(step1.get(0), "{\"tempC\":15}"));
        List<Call> step2 = toolCalls(conversation.build(), streamed);
        ReceivedRequest second = onlyUpstreamRequest(junction);
        assertThat(signatureOfStep(second.bodyJson().path("contents").get(1))).isEqualTo(signature1);
        String signature2 = signatureOfStep(junction.upstreamAnswer(second).at("/candidates/0/content"));
        assertThat(signature2).isNotEqualTo(signature1);
        assertThat(step2.get(0).id()).isNotEqualTo(step1.get(0).id());
        junction.mock().clear();

        conversation.addMessage(rebuilt(step2)).addMessage(result(step2.get(0), "{\"tempC\":16}"));
        assertThat(text(conversation.build(), streamed)).contains("Function get_weather returned {\"tempC\":16}");
        JsonNode contents = onlyUpstreamRequest(junction).bodyJson().path("contents");
        assertThat(contents).hasSize(5);
        assertThat(signatureOfStep(contents.get(1))).isEqualTo(signature1);
        assertThat(signatureOfStep(contents.get(3))).isEqualTo(signature2);
    }

    @Test
    void theSdksOwnMessageObjectCanBeSentBackAsItIs() {
        ChatCompletionCreateParams.Builder conversation = weatherQuestion(GEMINI_3, "Weather in Paris?");
        ChatCompletion first = client.chat().completions().create(conversation.build());
        ChatCompletionMessage message = first.choices().get(0).message();
        String signature = signatureOfStep(junction.upstreamAnswer(onlyUpstreamRequest(junction))
                .at("/candidates/0/content"));
        junction.mock().clear();

        conversation.addMessage(message).addMessage(result(calls(message).get(0), "sunny"));
        ChatCompletion second = client.chat().completions().create(conversation.build());

        assertThat(second.choices().get(0).message().content()).get().asString()
                .contains("Function get_weather returned {\"output\":\"sunny\"}");
        assertThat(signatureOfStep(onlyUpstreamRequest(junction).bodyJson().path("contents").get(1)))
                .isEqualTo(signature);
    }

    @Test
    void aSignatureSentBackInExtraContentWins() throws Exception {
        ChatCompletion first = client.chat().completions().create(weatherQuestion(GEMINI_3, "Weather in Rome?").build());
        ChatCompletionMessage message = first.choices().get(0).message();
        Call call = calls(message).get(0);
        ReceivedRequest upstream = onlyUpstreamRequest(junction);
        String issued = signatureOfStep(junction.upstreamAnswer(upstream).at("/candidates/0/content"));
        // Junction hands the signature to the client where Google's own OpenAI endpoint does.
        JsonNode extraContent = extra(message.toolCalls().orElseThrow().get(0).asFunction()._additionalProperties(),
                "extra_content").orElseThrow();
        assertThat(extraContent.at("/google/thought_signature").asText()).isEqualTo(issued);
        junction.mock().clear();

        // The store holds `issued` for this call id; the client's own value must be used instead.
        HttpResponse<String> response = junction.post("/v1/chat/completions", TestGateway.bearer(token),
                conversationJson(call, "context_engineering_is_the_way_to_go"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(signatureOfStep(onlyUpstreamRequest(junction).bodyJson().path("contents").get(1)))
                .isEqualTo("context_engineering_is_the_way_to_go");

        // A Junction with an empty store takes the client's signature over its bypass value.
        try (TestGateway fresh = TestGateway.start(dir.resolve("fresh-explicit"))) {
            HttpResponse<String> replayed = fresh.post("/v1/chat/completions",
                    TestGateway.bearer(fresh.issue("explicit-user")), conversationJson(call, issued));
            assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
            assertThat(json(replayed.body()).at("/choices/0/message/content").asText())
                    .contains("Function get_weather returned");
            assertThat(signatureOfStep(onlyUpstreamRequest(fresh).bodyJson().path("contents").get(1)))
                    .isEqualTo(issued);
        }
    }

    /** The Rome conversation in raw JSON, the call carrying {@code signature} in Google's place for it. */
    private static String conversationJson(Call call, String signature) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", GEMINI_3);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "user").put("content", "Weather in Rome?");
        ObjectNode assistant = messages.addObject().put("role", "assistant");
        assistant.putNull("content");
        ObjectNode toolCall = assistant.putArray("tool_calls").addObject();
        toolCall.put("id", call.id()).put("type", "function");
        toolCall.putObject("function").put("name", call.name()).put("arguments", call.arguments());
        toolCall.putObject("extra_content").putObject("google").put("thought_signature", signature);
        messages.addObject().put("role", "tool").put("tool_call_id", call.id()).put("content", "{\"tempC\":21}");
        body.set("tools", Json.MAPPER.valueToTree(List.of(Map.of("type", "function", "function", Map.of(
                "name", "get_weather", "parameters", Map.of("type", "object",
                        "properties", Map.of("city", Map.of("type", "string")), "required", List.of("city")))))));
        return body.toString();
    }

    private static List<Call> toolCalls(ChatCompletionCreateParams params, boolean streamed) {
        if (streamed) {
            List<ChatCompletionChunk> chunks = stream(params);
            assertThat(finishReasons(chunks)).containsExactly(ChatCompletionChunk.Choice.FinishReason.TOOL_CALLS);
            return calls(chunks);
        }
        ChatCompletion completion = client.chat().completions().create(params);
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        return calls(completion.choices().get(0).message());
    }

    private static String text(ChatCompletionCreateParams params, boolean streamed) {
        if (streamed) {
            StringBuilder text = new StringBuilder();
            List<ChatCompletionChunk> chunks = stream(params);
            chunks.stream().flatMap(c -> c.choices().stream()).forEach(c -> c.delta().content().ifPresent(text::append));
            assertThat(finishReasons(chunks)).containsExactly(ChatCompletionChunk.Choice.FinishReason.STOP);
            return text.toString();
        }
        ChatCompletion completion = client.chat().completions().create(params);
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        return completion.choices().get(0).message().content().orElseThrow();
    }
}
