package dev.junction.gateway.providers.anthropic;

import dev.junction.gateway.config.UpstreamSettings;
import dev.junction.gateway.providers.BaseUrls;
import dev.junction.gateway.providers.Capabilities;
import dev.junction.gateway.providers.ChatStreamDecoder;
import dev.junction.gateway.providers.Credential;
import dev.junction.gateway.providers.Credentials;
import dev.junction.gateway.providers.KeyRing;
import dev.junction.gateway.providers.Provider;
import dev.junction.gateway.providers.TokenCounter;
import dev.junction.gateway.providers.UpstreamCall;
import dev.junction.gateway.providers.UpstreamTransport;
import dev.junction.protocol.anthropic.AnthropicErrors;
import dev.junction.protocol.anthropic.AnthropicRequestEncoder;
import dev.junction.protocol.anthropic.AnthropicResponseDecoder;
import dev.junction.protocol.anthropic.AnthropicStreamDecoder;
import dev.junction.protocol.anthropic.AnthropicTokenCount;
import dev.junction.protocol.model.ChatRequest;
import dev.junction.protocol.model.ChatResponse;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.StreamEvent;
import dev.junction.protocol.model.ToolCallIds;
import dev.junction.protocol.sse.SseEvent;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Anthropic's Messages API ({@code api.anthropic.com}, or anything that speaks it), with API
 * keys in {@code x-api-key} and the API version Junction's codecs follow in
 * {@code anthropic-version}.
 *
 * <p>Capabilities, as Anthropic documents them: Claude fetches images and PDFs given by http(s)
 * URL itself ({@code url} sources), so Junction does not fetch them; it counts tokens
 * ({@code /v1/messages/count_tokens}); it has no embeddings. Tool calls come with Anthropic's own
 * ids, so none are made up.
 */
public final class AnthropicProvider implements Provider, TokenCounter {
    /** The version of the Messages API Junction's codecs follow. */
    public static final String API_VERSION = "2023-06-01";
    private static final Capabilities CAPABILITIES = new Capabilities(true, true, false);

    private final UpstreamSettings settings;
    private final KeyRing keys;
    private final UpstreamTransport transport;
    private final String root;

    public AnthropicProvider(Vertx vertx, UpstreamSettings settings, Clock clock) {
        this.settings = settings;
        this.keys = new KeyRing(settings.apiKeys(), clock);
        this.transport = UpstreamTransport.to(vertx, settings);
        this.root = BaseUrls.root(settings.baseUrl());
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public String kind() {
        return settings.type();
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Credentials credentials() {
        return keys;
    }

    @Override
    public UpstreamTransport transport() {
        return transport;
    }

    @Override
    public UpstreamCall chat(ChatRequest request, String model, Credential credential) {
        return post("/v1/messages", AnthropicRequestEncoder.encode(request, model), credential);
    }

    @Override
    public ChatResponse decodeChat(byte[] body, ToolCallIds ids) {
        return AnthropicResponseDecoder.decode(body);
    }

    @Override
    public ChatStreamDecoder chatStream(ToolCallIds ids) {
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder();
        return new ChatStreamDecoder() {
            @Override
            public List<StreamEvent> onEvent(SseEvent event) {
                return decoder.onEvent(event);
            }

            @Override
            public List<StreamEvent> onEnd() {
                return decoder.onEnd();
            }
        };
    }

    @Override
    public GatewayError decodeError(int status, byte[] body, Optional<String> retryAfter) {
        return scrub(AnthropicErrors.decode(status, body, retryAfter));
    }

    @Override
    public Optional<TokenCounter> tokenCounter() {
        return Optional.of(this);
    }

    @Override
    public UpstreamCall countCall(ChatRequest request, String model, Credential credential) {
        return post("/v1/messages/count_tokens", AnthropicRequestEncoder.encodeCount(request, model), credential);
    }

    @Override
    public int decodeCount(byte[] body) {
        return AnthropicTokenCount.decode(body);
    }

    private UpstreamCall post(String path, byte[] body, Credential credential) {
        URI uri = URI.create(root + path);
        return new UpstreamCall("POST", uri, Map.of("x-api-key", credential.secret(), "anthropic-version", API_VERSION,
                "Content-Type", "application/json"), body, credential);
    }

    @Override
    public void close() {
        transport.close();
    }
}
