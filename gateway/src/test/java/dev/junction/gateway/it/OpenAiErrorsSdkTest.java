package dev.junction.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.RateLimitException;
import com.openai.errors.SseException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.gateway.access.CidrBlock;
import dev.junction.gateway.access.ModelAllowlist;
import dev.junction.gateway.access.NewToken;
import dev.junction.gateway.access.TokenLimits;
import dev.junction.mock.gemini.ReceivedRequest;
import dev.junction.gateway.testing.TestGateway;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Errors as the OpenAI SDK sees them: OpenAI's shape and statuses, so that its typed exceptions
 * and retry logic work; the upstream's key never shown, the client's token never forwarded.
 */
class OpenAiErrorsSdkTest {
    private static final String FLASH = "gemini-2.5-flash";

    @TempDir
    static Path dir;

    static TestGateway junction;
    static String token;
    static OpenAIClient client;

    @BeforeAll
    static void start() {
        junction = TestGateway.start(dir);
        token = junction.issue("openai-errors-user");
        client = OpenAiSdk.clientWithoutRetries(junction, token);
    }

    @AfterAll
    static void stop() {
        junction.close();
    }

    @BeforeEach
    void clearUpstream() {
        junction.mock().clear();
    }

    private static ChatCompletionCreateParams ask(String model, String prompt) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(prompt).build();
    }

    private static ChatCompletion create(String prompt) {
        return client.chat().completions().create(ask(FLASH, prompt));
    }

    /** Drains a stream; returns the text received before it ended or failed, and the failure. */
    private static StreamOutcome drain(String prompt) {
        StringBuilder text = new StringBuilder();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(ask(FLASH, prompt))) {
            stream.stream().forEach(chunk -> {
                chunks.add(chunk);
                chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append));
            });
        } catch (RuntimeException e) {
            return new StreamOutcome(text.toString(), chunks, Optional.of(e));
        }
        return new StreamOutcome(text.toString(), chunks, Optional.empty());
    }

    record StreamOutcome(String text, List<ChatCompletionChunk> chunks, Optional<RuntimeException> failure) {}

    private static void stillServes() {
        ChatCompletion completion = create("still there?");
        assertThat(completion.choices().get(0).message().content()).get().asString().contains("still there?");
    }

    @Test
    void aWrongTokenIsInvalidApiKey() {
        OpenAIClient stranger = OpenAiSdk.clientWithoutRetries(junction, "jn-not-a-real-token");
        assertThatThrownBy(() -> stranger.chat().completions().create(ask(FLASH, "hi")))
                .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(401);
                    assertThat(e.code()).contains("invalid_api_key");
                    assertThat(e.type()).contains("invalid_request_error");
                });
        assertThatThrownBy(() -> stranger.models().list())
                .isInstanceOf(UnauthorizedException.class);
        assertThat(junction.mock().received()).isEmpty();
    }

    @Test
    void aModelOutsideTheTokensAllowlistIsForbidden() {
        String limited = junction.issue(new NewToken("flash-only", Optional.empty(),
                ModelAllowlist.parse("gemini-2.5-flash"), List.<CidrBlock>of(), TokenLimits.NONE));
        OpenAIClient flashOnly = OpenAiSdk.clientWithoutRetries(junction, limited);

        assertThatThrownBy(() -> flashOnly.chat().completions().create(ask("gemini-2.5-pro", "hi")))
                .isInstanceOfSatisfying(PermissionDeniedException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.param()).contains("model");
                    assertThat(e.getMessage()).contains("gemini-2.5-pro");
                });
        assertThat(junction.mock().received()).isEmpty();
        assertThat(flashOnly.chat().completions().create(ask(FLASH, "hi")).choices()).hasSize(1);
        List<String> visible = new ArrayList<>();
        flashOnly.models().list().autoPager().forEach(m -> visible.add(m.id()));
        assertThat(visible).containsExactly("gemini-2.5-flash");
        assertThatThrownBy(() -> flashOnly.models().retrieve("gemini-2.5-pro"))
                .isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void anUnknownModelIsModelNotFound() {
        assertThatThrownBy(() -> client.chat().completions().create(ask("gpt-4o", "hi")))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.code()).contains("model_not_found");
                    assertThat(e.getMessage()).contains("gpt-4o");
                });
        assertThatThrownBy(() -> client.models().retrieve("gpt-4o"))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).contains("model_not_found"));
        assertThat(junction.mock().received()).isEmpty();
    }

    @Test
    void anUpstreamRateLimitIsRateLimitExceededWithRetryAfter() {
        assertThatThrownBy(() -> create("hi mock:error=429"))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.code()).contains("rate_limit_exceeded");
                    assertThat(e.headers().values("retry-after")).containsExactly("35"); // RetryInfo 34.4s
                });
        assertThatThrownBy(() -> client.chat().completions().createStreaming(ask(FLASH, "hi mock:error=429"))
                .stream().count())
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.code()).contains("rate_limit_exceeded");
                    assertThat(e.headers().values("retry-after")).containsExactly("35");
                });
    }

    @Test
    void anExhaustedUpstreamQuotaIsInsufficientQuota() {
        assertThatThrownBy(() -> create("hi mock:error=quota"))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.code()).contains("insufficient_quota");
                    assertThat(e.type()).contains("insufficient_quota");
                });
    }

    @Test
    void aRejectedUpstreamKeyIsABadGatewayThatNeverShowsTheKey() {
        assertThatThrownBy(() -> create("hi mock:error=key"))
                .isInstanceOfSatisfying(InternalServerException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(502);
                    assertThat(e.body().toString()).doesNotContain(TestGateway.UPSTREAM_KEY);
                    assertThat(e.getMessage()).doesNotContain(TestGateway.UPSTREAM_KEY);
                    assertThat(e.headers().asMap().toString()).doesNotContain(TestGateway.UPSTREAM_KEY);
                });
        // The mock did echo the key, as Google does: Junction scrubbed it.
        assertThat(junction.mock().received()).isNotEmpty();
        stillServes();
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 503})
    void upstreamServerErrors(int status) {
        int expected = status == 503 ? 503 : 502;
        assertThatThrownBy(() -> create("hi mock:error=" + status))
                .isInstanceOfSatisfying(InternalServerException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(expected);
                    assertThat(e.type()).contains("server_error");
                });
        stillServes();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mock:midstream-error", "mock:garbage-after=2", "mock:reset-after=2"})
    void aStreamThatBreaksMidwayRaisesInTheSdkAndTheGatewayKeepsServing(String directive) {
        StreamOutcome outcome = drain("Tell me a long story " + directive + " mock:events=6");
        assertThat(outcome.failure()).as("the SDK must not take a broken answer for a whole one").isPresent();
        assertThat(outcome.failure().get()).isInstanceOf(SseException.class);
        OpenAIServiceException error = (OpenAIServiceException) outcome.failure().get();
        assertThat(error.getMessage()).doesNotContain(TestGateway.UPSTREAM_KEY);
        assertThat(outcome.text()).as("what came before the failure was delivered").isNotEmpty();
        assertThat(outcome.chunks()).allSatisfy(c -> assertThat(c.choices()).allSatisfy(
                choice -> assertThat(choice.finishReason()).isEmpty()));
        stillServes();
    }

    @Test
    void theClientsTokenNeverReachesTheUpstreamAndTheUpstreamKeyNeverReachesTheClient() {
        create("plain");
        client.chat().completions().createStreaming(ask(FLASH, "streamed")).stream().count();
        assertThatThrownBy(() -> create("hi mock:error=key")).isInstanceOf(InternalServerException.class);
        StreamOutcome broken = drain("broken mock:midstream-error");
        assertThat(broken.failure()).isPresent();

        List<ReceivedRequest> received = junction.mock().received();
        assertThat(received).hasSize(4);
        for (ReceivedRequest request : received) {
            assertThat(request.headers().toString()).doesNotContain(token);
            assertThat(request.pathAndQuery()).doesNotContain(token);
            assertThat(request.bodyText()).doesNotContain(token);
            assertThat(request.header("authorization")).isEmpty();
            assertThat(request.header("x-goog-api-key")).contains(TestGateway.UPSTREAM_KEY);
        }
        var raw = junction.post("/v1/chat/completions", TestGateway.bearer(token),
                "{\"model\":\"gemini-2.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"hi mock:error=key\"}]}");
        assertThat(raw.statusCode()).isEqualTo(502);
        assertThat(raw.body()).doesNotContain(TestGateway.UPSTREAM_KEY).contains("error");
        assertThat(raw.headers().map().toString()).doesNotContain(TestGateway.UPSTREAM_KEY);
        var rawStream = junction.post("/v1/chat/completions", TestGateway.bearer(token),
                "{\"model\":\"gemini-2.5-flash\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi mock:error=key\"}]}");
        assertThat(rawStream.statusCode()).isEqualTo(502);
        assertThat(rawStream.body()).doesNotContain(TestGateway.UPSTREAM_KEY);
    }
}
