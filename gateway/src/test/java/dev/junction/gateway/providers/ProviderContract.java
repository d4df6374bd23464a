package dev.junction.gateway.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.ChatRequest;
import dev.junction.protocol.model.ChatResponse;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.Part;
import dev.junction.protocol.model.StreamEvent;
import dev.junction.protocol.model.ToolCallIds;
import dev.junction.protocol.openai.OpenAiRequestDecoder;
import dev.junction.protocol.sse.SseEvent;
import dev.junction.protocol.sse.SseParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every provider must do, run against each kind with golden fixtures of its vendor in
 * {@code src/test/resources/providers/<kind>/} written from the vendor's documented shapes:
 * {@code answer.json} (a whole answer), {@code stream.sse} (a streamed one, as framed on the
 * wire), {@code error-401.json}, {@code error-429.json}, {@code error-500.json} (error bodies; the
 * text {@code $KEY} in them is replaced by the provider's key, as vendors that echo keys do), and
 * {@code expected.json} (the text and token counts each answer holds).
 */
public abstract class ProviderContract {
    /** The key every provider under contract is made with. */
    protected static final String KEY = "contract-key-SECRET-0042";

    /** A provider of the kind under contract, with {@link #KEY} as its only credential. */
    protected abstract Provider provider();

    /** The fixtures' folder name under {@code providers/}. */
    protected abstract String kind();

    /** Checks of the vendor's own: the address, the credential's header, the body's shape. */
    protected abstract void assertChatCall(UpstreamCall call, JsonNode body, boolean stream);

    private static final byte[] REQUEST = """
            {"model":"contract-model","messages":[{"role":"system","content":"Be brief."},
             {"role":"user","content":"Say hello."}],"temperature":0.5,"max_tokens":64}
            """.getBytes(StandardCharsets.UTF_8);

    protected final byte[] fixture(String name) {
        try (InputStream in = getClass().getResourceAsStream("/providers/" + kind() + "/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture providers/" + kind() + "/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("$KEY", KEY)
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode expected() throws IOException {
        return Json.MAPPER.readTree(fixture("expected.json"));
    }

    private Credential credential() throws Exception {
        return provider().credentials().next().toCompletionStage().toCompletableFuture().get();
    }

    private static ChatRequest request(boolean stream) {
        ChatRequest r = OpenAiRequestDecoder.decode(REQUEST);
        return new ChatRequest(r.model(), r.system(), r.messages(), r.tools(), r.toolChoice(), r.sampling(),
                r.reasoning(), r.responseFormat(), stream, stream, r.vendorOptions());
    }

    @Test
    void aChatRequestIsACallWithTheCredentialAndAJsonBody() throws Exception {
        for (boolean stream : new boolean[] {false, true}) {
            UpstreamCall call = provider().chat(request(stream), "vendor-model-1", credential());
            assertThat(call.method()).isEqualTo("POST");
            assertThat(call.headers().values()).as("the credential travels in a header")
                    .anySatisfy(v -> assertThat(v).contains(KEY));
            assertThat(call.uri().toString()).doesNotContain(KEY);
            JsonNode body = Json.MAPPER.readTree(call.body());
            assertThat(body.isObject()).isTrue();
            assertThat(new String(call.body(), StandardCharsets.UTF_8)).contains("Say hello.").contains("Be brief.");
            assertChatCall(call, body, stream);
        }
    }

    @Test
    void aWholeAnswerDecodesToItsTextAndUsage() throws Exception {
        ChatResponse answer = provider().decodeChat(fixture("answer.json"), ToolCallIds.sequential("call_"));
        JsonNode expected = expected().path("answer");
        assertThat(text(answer)).isEqualTo(expected.path("text").asText());
        assertThat(answer.usage()).isPresent();
        assertThat(answer.usage().get().promptTokens()).isEqualTo(expected.path("prompt_tokens").asInt());
        assertThat(answer.usage().get().outputTokens()).isEqualTo(expected.path("output_tokens").asInt());
    }

    @Test
    void aStreamDecodesToItsTextAndUsage() throws Exception {
        ChatStreamDecoder decoder = provider().chatStream(ToolCallIds.sequential("call_"));
        SseParser parser = new SseParser();
        byte[] wire = fixture("stream.sse");
        List<StreamEvent> events = new ArrayList<>();
        // Split at every 7th byte, as the network may.
        for (int i = 0; i < wire.length; i += 7) {
            for (SseEvent e : parser.feed(wire, i, Math.min(7, wire.length - i))) {
                events.addAll(decoder.onEvent(e));
            }
        }
        parser.finish().ifPresent(e -> events.addAll(decoder.onEvent(e)));
        events.addAll(decoder.onEnd());
        JsonNode expected = expected().path("stream");
        StringBuilder text = new StringBuilder();
        Optional<dev.junction.protocol.model.Usage> usage = Optional.empty();
        for (StreamEvent e : events) {
            if (e instanceof StreamEvent.TextDelta d) {
                text.append(d.text());
            } else if (e instanceof StreamEvent.UsageReport u) {
                usage = Optional.of(u.usage());
            }
            assertThat(e).isNotInstanceOf(StreamEvent.Failed.class);
        }
        assertThat(text.toString()).isEqualTo(expected.path("text").asText());
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(StreamEvent.Finished.class));
        assertThat(usage).isPresent();
        assertThat(usage.get().promptTokens()).isEqualTo(expected.path("prompt_tokens").asInt());
        assertThat(usage.get().outputTokens()).isEqualTo(expected.path("output_tokens").asInt());
    }

    @Test
    void errorsMeanWhatTheVendorSaysAndNeverCarryTheKey() {
        assertThat(decode(401, "error-401.json").kind()).isEqualTo(GatewayError.Kind.UPSTREAM_AUTH);
        assertThat(decode(429, "error-429.json").kind()).isIn(GatewayError.Kind.RATE_LIMITED,
                GatewayError.Kind.QUOTA_EXHAUSTED);
        assertThat(decode(500, "error-500.json").kind()).isIn(GatewayError.Kind.UPSTREAM_ERROR,
                GatewayError.Kind.UPSTREAM_UNAVAILABLE);
        for (String name : List.of("error-401.json", "error-429.json", "error-500.json")) {
            assertThat(decode(400, name).message()).doesNotContain(KEY);
        }
    }

    @Test
    void aBodyThatIsNoErrorShapeStillDecodesToAnError() {
        for (String garbage : List.of("<html>Bad Gateway</html>", "", "{", "{\"error\":42}", "null")) {
            GatewayError error = provider().decodeError(502, garbage.getBytes(StandardCharsets.UTF_8), Optional.empty());
            assertThat(error.kind()).isNotNull();
            assertThat(error.message()).isNotBlank().hasSizeLessThan(2000);
        }
    }

    @Test
    void theScrubberRemovesTheKeyFromAnyText() {
        assertThat(provider().scrub("the key " + KEY + " is not valid")).doesNotContain(KEY);
    }

    private GatewayError decode(int status, String fixture) {
        return provider().decodeError(status, fixture(fixture), Optional.empty());
    }

    private static String text(ChatResponse answer) {
        StringBuilder text = new StringBuilder();
        for (Part p : answer.choices().get(0).parts()) {
            if (p instanceof Part.Text t) {
                text.append(t.text());
            }
        }
        return text.toString();
    }
}
