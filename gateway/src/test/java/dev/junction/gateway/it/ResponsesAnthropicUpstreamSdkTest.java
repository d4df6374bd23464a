package dev.junction.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.ObjectMappers;
import com.openai.core.http.StreamResponse;
import com.openai.models.Reasoning;
import com.openai.models.ReasoningEffort;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseIncludable;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseReasoningItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import dev.junction.gateway.testing.FakeAnthropic;
import dev.junction.gateway.testing.TestGateway;
import dev.junction.gateway.usage.UsageRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAI SDK's {@code client.responses()} against Junction over an {@code anthropic}
 * upstream (our local Anthropic Messages server): the Responses door reaches another vendor
 * through the canonical model, thinking signatures included.
 */
class ResponsesAnthropicUpstreamSdkTest {
    private static final String KEY = "sk-ant-test-key-0002";
    private static final String SONNET = "claude-sonnet-4-5";

    @TempDir
    static Path dir;

    static FakeAnthropic anthropic;
    static TestGateway junction;
    static OpenAIClient client;

    @BeforeAll
    static void start() {
        anthropic = new FakeAnthropic(Set.of(KEY));
        junction = TestGateway.start(dir, mockUrl -> """
                server:
                  port: 0
                data_dir: %s
                upstreams:
                  - name: claude
                    type: anthropic
                    base_url: %s
                    api_keys: [%s]
                    models: ["claude-*"]
                """.formatted(dir.resolve("data"), anthropic.baseUrl(), KEY));
        client = OpenAiSdk.clientWithoutRetries(junction, junction.issue("responses-anthropic-user"));
    }

    @AfterAll
    static void stop() {
        junction.close();
        anthropic.close();
    }

    @BeforeEach
    void clear() {
        anthropic.clear();
    }

    private static JsonNode onlyUpstreamBody() {
        List<FakeAnthropic.Received> received = anthropic.received();
        assertThat(received).hasSize(1);
        return received.get(0).body();
    }

    @Test
    void instructionsAndInputAreAMessagesCallAndTheAnswerAResponse() {
        Response response = client.responses().create(ResponseCreateParams.builder().model(SONNET)
                .instructions("Be brief.").input("Hello there").maxOutputTokens(300L).build());
        response.validate();

        JsonNode sent = onlyUpstreamBody();
        assertThat(sent.path("system").toString()).contains("Be brief.");
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(300);
        assertThat(sent.at("/messages/0/content").toString()).contains("Hello there");
        assertThat(response.status()).contains(ResponseStatus.COMPLETED);
        assertThat(response.output()).hasSize(1);
        assertThat(response.output().get(0).asMessage().content().get(0).asOutputText().text()).isNotBlank();
        assertThat(response.usage().orElseThrow().inputTokensDetails().cachedTokens()).isEqualTo(FakeAnthropic.CACHE_READ);
        assertThat(response.usage().orElseThrow().inputTokensDetails().cacheWriteTokens())
                .isEqualTo(FakeAnthropic.CACHE_WRITE);
        String requestId = response.id().substring("resp_".length());
        UsageRecord record = junction.awaitRecords(r -> r.requestId().equals(requestId), 1).get(0);
        assertThat(record.endpoint()).isEqualTo("responses");
        assertThat(record.upstream()).isEqualTo("claude");
    }

    @Test
    void aThinkingToolTurnKeepsItsSignatureThroughEncryptedContent() {
        ResponseCreateParams.Builder params = ResponseCreateParams.builder().model(SONNET)
                .maxOutputTokens(4096L)
                .reasoning(Reasoning.builder().effort(ReasoningEffort.LOW).summary(Reasoning.Summary.AUTO).build())
                .addInclude(ResponseIncludable.REASONING_ENCRYPTED_CONTENT)
                .addTool(ResponsesSdkTest.getWeather());
        Response first = client.responses().create(params.input("Weather in Paris?").build());
        first.validate();

        assertThat(onlyUpstreamBody().at("/thinking/type").asText()).isEqualTo("enabled");
        ResponseReasoningItem reasoning = first.output().get(0).asReasoning();
        assertThat(reasoning.summary().get(0).text()).contains("Weather in Paris?");
        assertThat(reasoning.encryptedContent()).contains(FakeAnthropic.SIGNATURE);
        ResponseFunctionToolCall call = first.output().stream().filter(ResponseOutputItem::isFunctionCall)
                .map(ResponseOutputItem::asFunctionCall).findFirst().orElseThrow();

        anthropic.clear();
        List<ResponseInputItem> history = new ArrayList<>();
        history.add(ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder()
                .role(EasyInputMessage.Role.USER).content("Weather in Paris?").build()));
        for (ResponseOutputItem item : first.output()) {
            if (item.isReasoning()) {
                history.add(ResponseInputItem.ofReasoning(item.asReasoning()));
            } else if (item.isMessage()) {
                history.add(ResponseInputItem.ofResponseOutputMessage(item.asMessage()));
            } else {
                history.add(ResponseInputItem.ofFunctionCall(item.asFunctionCall()));
            }
        }
        history.add(ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                .callId(call.callId()).output("{\"temperature_c\": 18}").build()));
        Response second = client.responses().create(params.inputOfResponse(history).build());
        second.validate();

        JsonNode assistant = onlyUpstreamBody().at("/messages/1");
        assertThat(assistant.path("role").asText()).isEqualTo("assistant");
        assertThat(assistant.at("/content/0/type").asText()).isEqualTo("thinking");
        assertThat(assistant.at("/content/0/signature").asText()).isEqualTo(FakeAnthropic.SIGNATURE);
        JsonNode content = assistant.path("content");
        assertThat(content.get(content.size() - 1).path("type").asText()).isEqualTo("tool_use");
        assertThat(content.get(content.size() - 1).path("id").asText()).isEqualTo(call.callId());
        assertThat(second.output().stream().anyMatch(ResponseOutputItem::isMessage)).isTrue();
    }

    @Test
    void aStreamFromAnthropicIsTheSameTypedEvents() {
        List<String> types;
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(
                ResponseCreateParams.builder().model(SONNET).input("Hello there").build())) {
            types = stream.stream().peek(ResponseStreamEvent::validate)
                    .map(e -> ObjectMappers.jsonMapper().<JsonNode>valueToTree(e).path("type").asText()).toList();
        }
        assertThat(types.get(0)).isEqualTo("response.created");
        assertThat(types).contains("response.output_text.delta", "response.output_text.done");
        assertThat(types.get(types.size() - 1)).isEqualTo("response.completed");
    }
}
