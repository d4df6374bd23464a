package dev.junction.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.gateway.testing.ScriptedUpstream;
import dev.junction.gateway.testing.TestGateway;
import dev.junction.protocol.Json;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole upstream answers are held in memory under a global budget ({@code relay.answer_memory},
 * an eighth of the heap by default) and a per-answer cap ({@code relay.max_answer_bytes}): an
 * answer over either is a clean 502 in the caller's protocol, and the gateway goes on serving.
 * Here the budget is 32 MB and the cap 30 MB.
 */
class LargeAnswerTest {
    private static final String OPENAI = "{\"model\":\"gemini-2.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String NATIVE = "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}";
    private static final int MB = 1024 * 1024;

    @TempDir
    static Path dir;

    static ScriptedUpstream upstream;
    static TestGateway junction;
    static String token;

    @BeforeAll
    static void start() throws IOException {
        upstream = new ScriptedUpstream(ScriptedUpstream.ok("small and fine"));
        junction = TestGateway.start(dir, mockUrl -> """
                server:
                  port: 0
                data_dir: %s
                relay:
                  answer_memory: 32MB
                  max_answer_bytes: 30MB
                upstreams:
                  - name: big
                    base_url: %s
                    api_keys: [big-key-1]
                    models: ["gemini-*"]
                """.formatted(dir.resolve("data"), upstream.baseUrl()));
        token = junction.issue("large");
    }

    @AfterAll
    static void stop() throws IOException {
        junction.close();
        upstream.close();
    }

    private static String answerOf(int bytes) {
        return ScriptedUpstream.geminiAnswer("x".repeat(bytes));
    }

    @Test
    void aFortyMegabyteAnswerIsACleanBadGatewayInTheOpenAiDoorAndTheNextRequestIsServed() throws IOException {
        upstream.then(ScriptedUpstream.status(200, answerOf(40 * MB)));
        HttpResponse<String> response = junction.post("/v1/chat/completions", TestGateway.bearer(token), OPENAI);
        assertThat(response.statusCode()).isEqualTo(502);
        JsonNode error = Json.MAPPER.readTree(response.body()).path("error");
        assertThat(error.path("message").asText()).contains("larger than");
        assertThat(error.path("type").asText()).isNotEmpty();

        HttpResponse<String> next = junction.post("/v1/chat/completions", TestGateway.bearer(token), OPENAI);
        assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
        assertThat(next.body()).contains("small and fine");
    }

    @Test
    void aFortyMegabyteAnswerIsACleanBadGatewayInTheGeminiDoor() throws IOException {
        upstream.then(ScriptedUpstream.status(200, answerOf(40 * MB)));
        HttpResponse<String> response = junction.post("/v1beta/models/gemini-2.5-flash:generateContent",
                TestGateway.bearer(token), NATIVE);
        assertThat(response.statusCode()).isEqualTo(502);
        JsonNode error = Json.MAPPER.readTree(response.body()).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(502);
        assertThat(error.path("status").asText()).isNotEmpty();
        assertThat(error.path("message").asText()).contains("larger than");
    }

    @Test
    void twoLargeAnswersAtOnceDoNotBothFitAndTheOneThatDoesNotIsACleanBadGateway()
            throws IOException, InterruptedException, ExecutionException {
        // Both answers send half their body and wait for each other, then send the rest: 2 x 13 MB
        // are held at once (less what the sockets still hold), and whichever answer is whole first
        // needs 26 MB while the other holds more than 6 MB of a 32 MB budget.
        java.util.concurrent.CountDownLatch halves = new java.util.concurrent.CountDownLatch(2);
        upstream.then(new ScriptedUpstream.Act.Halting(answerOf(26 * MB), 500, halves),
                new ScriptedUpstream.Act.Halting(answerOf(26 * MB), 500, halves));
        List<HttpResponse<String>> answers;
        try (ExecutorService both = Executors.newFixedThreadPool(2)) {
            List<Future<HttpResponse<String>>> calls = List.of(
                    both.submit(() -> junction.post("/v1/chat/completions", TestGateway.bearer(token), OPENAI)),
                    both.submit(() -> junction.post("/v1/chat/completions", TestGateway.bearer(token), OPENAI)));
            answers = new java.util.ArrayList<>();
            for (Future<HttpResponse<String>> call : calls) {
                answers.add(call.get());
            }
        }
        List<Integer> statuses = answers.stream().map(HttpResponse::statusCode).sorted().toList();
        assertThat(statuses).as(answers.stream().map(r -> r.body().length() > 300 ? "(long answer)" : r.body())
                .toList().toString()).isEqualTo(List.of(200, 502));
        HttpResponse<String> refused = answers.stream().filter(r -> r.statusCode() == 502).findFirst().orElseThrow();
        assertThat(Json.MAPPER.readTree(refused.body()).path("error").path("message").asText())
                .contains("too many large upstream answers at once");
        HttpResponse<String> served = answers.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow();
        assertThat(Json.MAPPER.readTree(served.body()).path("choices").path(0).path("message").path("content").asText())
                .hasSize(26 * MB);

        HttpResponse<String> next = junction.post("/v1/chat/completions", TestGateway.bearer(token), OPENAI);
        assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
    }
}
