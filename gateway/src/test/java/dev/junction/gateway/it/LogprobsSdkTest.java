package dev.junction.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionTokenLogprob;
import dev.junction.gateway.testing.ScriptedUpstream;
import dev.junction.gateway.testing.TestGateway;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gemini's {@code logprobsResult} reaches the official OpenAI SDK as {@code choices[].logprobs}:
 * each chosen token with its log probability, its UTF-8 bytes and the alternatives at its step,
 * in a whole answer and spread over a stream's chunks. The upstream answers in Gemini's
 * documented shape (chosenCandidates and topCandidates per step).
 */
class LogprobsSdkTest {
    private static final String CHOSEN_1 = "{\"token\":\"Café\",\"tokenId\":61027,\"logProbability\":-0.0521}";
    private static final String ALT_1 = "{\"token\":\"Tea\",\"tokenId\":8724,\"logProbability\":-3.1502}";
    private static final String CHOSEN_2 = "{\"token\":\" au\",\"tokenId\":1090,\"logProbability\":-0.0013}";
    private static final String CHOSEN_3 = "{\"token\":\" lait\",\"tokenId\":56210,\"logProbability\":-0.6001}";

    @TempDir
    static Path dir;

    static ScriptedUpstream upstream;
    static TestGateway junction;
    static OpenAIClient client;

    @BeforeAll
    static void start() throws IOException {
        upstream = new ScriptedUpstream(ScriptedUpstream.ok("no logprobs here"));
        junction = TestGateway.start(dir, mockUrl -> """
                server:
                  port: 0
                data_dir: %s
                upstreams:
                  - name: gemini
                    base_url: %s
                    api_keys: [logprobs-key]
                    models: ["gemini-*"]
                """.formatted(dir.resolve("data"), upstream.baseUrl()));
        client = OpenAiSdk.clientWithoutRetries(junction, junction.issue("logprobs"));
    }

    @AfterAll
    static void stop() throws IOException {
        junction.close();
        upstream.close();
    }

    private static ChatCompletionCreateParams params() {
        return ChatCompletionCreateParams.builder().model("gemini-2.5-flash").addUserMessage("A drink?")
                .logprobs(true).topLogprobs(2L).build();
    }

    private static String candidate(String text, String logprobsResult, String finish) {
        return "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"" + text + "\"}],\"role\":\"model\"},\"index\":0"
                + (finish == null ? "" : ",\"finishReason\":\"" + finish + "\"")
                + ",\"logprobsResult\":" + logprobsResult + "}],"
                + "\"usageMetadata\":{\"promptTokenCount\":4,\"candidatesTokenCount\":3,\"totalTokenCount\":7},"
                + "\"modelVersion\":\"gemini-2.5-flash\"}";
    }

    @Test
    void aWholeAnswerCarriesEachTokenWithItsBytesAndAlternatives() {
        upstream.then(ScriptedUpstream.status(200, candidate("Café au lait",
                "{\"topCandidates\":[{\"candidates\":[" + CHOSEN_1 + "," + ALT_1 + "]},{\"candidates\":[" + CHOSEN_2
                        + "]},{\"candidates\":[" + CHOSEN_3 + "]}],\"chosenCandidates\":[" + CHOSEN_1 + "," + CHOSEN_2
                        + "," + CHOSEN_3 + "]}", "STOP")));
        ChatCompletion answer = client.chat().completions().create(params());
        List<ChatCompletionTokenLogprob> tokens = answer.choices().get(0).logprobs().orElseThrow().content().orElseThrow();
        assertThat(tokens).extracting(ChatCompletionTokenLogprob::token).containsExactly("Café", " au", " lait");
        assertThat(tokens.get(0).logprob()).isEqualTo(-0.0521);
        assertThat(tokens.get(0).bytes().orElseThrow()).containsExactly(67L, 97L, 102L, 195L, 169L);
        assertThat(tokens.get(0).topLogprobs()).extracting(t -> t.token() + "=" + t.logprob())
                .containsExactly("Café=-0.0521", "Tea=-3.1502");
        assertThat(tokens.get(2).topLogprobs()).hasSize(1);
        assertThat(answer.choices().get(0).message().content()).contains("Café au lait");
    }

    @Test
    void aStreamCarriesTheLogprobsOfEachPieceInOrder() {
        upstream.then(new ScriptedUpstream.Act.Stream(List.of(
                candidate("Café", "{\"topCandidates\":[{\"candidates\":[" + CHOSEN_1 + "," + ALT_1 + "]}],"
                        + "\"chosenCandidates\":[" + CHOSEN_1 + "]}", null),
                candidate(" au lait", "{\"topCandidates\":[{\"candidates\":[" + CHOSEN_2 + "]},{\"candidates\":["
                        + CHOSEN_3 + "]}],\"chosenCandidates\":[" + CHOSEN_2 + "," + CHOSEN_3 + "]}", "STOP")), false));
        List<ChatCompletionTokenLogprob> tokens = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params())) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(choice -> {
                choice.delta().content().ifPresent(text::append);
                choice.logprobs().flatMap(ChatCompletionChunk.Choice.Logprobs::content).ifPresent(tokens::addAll);
            }));
        }
        assertThat(text.toString()).isEqualTo("Café au lait");
        assertThat(tokens).extracting(ChatCompletionTokenLogprob::token).containsExactly("Café", " au", " lait");
        assertThat(tokens.get(0).topLogprobs()).extracting(t -> t.token()).containsExactly("Café", "Tea");
        assertThat(tokens.get(2).logprob()).isEqualTo(-0.6001);
    }
}
