package dev.junction.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.models.completions.CompletionUsage;
import dev.junction.mock.gemini.ReceivedRequest;
import dev.junction.gateway.testing.TestGateway;
import dev.junction.protocol.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the OpenAI SDK tests share: the client as a user builds it, and checks against the upstream. */
final class OpenAiSdk {
    private OpenAiSdk() {}

    /** The official client, configured exactly as a user points it at Junction. */
    static OpenAIClient client(TestGateway junction, String token) {
        return OpenAIOkHttpClient.builder().apiKey(token).baseUrl(junction.baseUrl() + "/v1").build();
    }

    /** The same, without the SDK's automatic retries, for tests of errors. */
    static OpenAIClient clientWithoutRetries(TestGateway junction, String token) {
        return OpenAIOkHttpClient.builder().apiKey(token).baseUrl(junction.baseUrl() + "/v1").maxRetries(0).build();
    }

    /** The only request the upstream received since it was last cleared. */
    static ReceivedRequest onlyUpstreamRequest(TestGateway junction) {
        List<ReceivedRequest> received = junction.mock().received();
        assertThat(received).hasSize(1);
        return received.get(0);
    }

    /** The {@code generationConfig} the upstream received. */
    static JsonNode generationConfig(TestGateway junction) {
        return onlyUpstreamRequest(junction).bodyJson().path("generationConfig");
    }

    /** A non-standard field of an SDK object (Junction's {@code reasoning_content}, Google's {@code extra_content}). */
    static Optional<JsonNode> extra(Map<String, JsonValue> additional, String name) {
        JsonValue value = additional.get(name);
        if (value == null || value.isNull() || value.isMissing()) {
            return Optional.empty();
        }
        return Optional.of(Json.MAPPER.valueToTree(value.convert(Object.class)));
    }

    static Optional<String> extraText(Map<String, JsonValue> additional, String name) {
        return extra(additional, name).map(JsonNode::asText);
    }

    /**
     * Checks OpenAI's usage against the {@code usageMetadata} the upstream sent (PROTOCOLS §5.6):
     * prompt = prompt (+ tool-use prompt), completion = candidates + thoughts, reasoning = thoughts,
     * total = prompt + completion, which is also what Gemini's own total says.
     */
    static void assertUsageMatches(CompletionUsage usage, JsonNode usageMetadata) {
        long prompt = usageMetadata.path("promptTokenCount").asLong()
                + usageMetadata.path("toolUsePromptTokenCount").asLong(0);
        long candidates = usageMetadata.path("candidatesTokenCount").asLong(0);
        long thoughts = usageMetadata.path("thoughtsTokenCount").asLong(0);
        assertThat(prompt).isPositive();
        assertThat(usage.promptTokens()).as("prompt_tokens").isEqualTo(prompt);
        assertThat(usage.completionTokens()).as("completion_tokens").isEqualTo(candidates + thoughts);
        assertThat(usage.totalTokens()).as("total_tokens").isEqualTo(prompt + candidates + thoughts)
                .isEqualTo(usageMetadata.path("totalTokenCount").asLong());
        assertThat(usage.completionTokensDetails().orElseThrow().reasoningTokens()).as("reasoning_tokens")
                .contains(thoughts);
        assertThat(usage.promptTokensDetails().orElseThrow().cachedTokens()).as("cached_tokens")
                .contains(usageMetadata.path("cachedContentTokenCount").asLong(0));
    }
}
