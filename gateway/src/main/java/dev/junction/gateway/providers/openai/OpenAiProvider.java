package dev.junction.gateway.providers.openai;

import dev.junction.gateway.config.UpstreamSettings;
import dev.junction.gateway.providers.BaseUrls;
import dev.junction.gateway.providers.Capabilities;
import dev.junction.gateway.providers.ChatStreamDecoder;
import dev.junction.gateway.providers.Credential;
import dev.junction.gateway.providers.Credentials;
import dev.junction.gateway.providers.KeyRing;
import dev.junction.gateway.providers.OpenAiNativeApi;
import dev.junction.gateway.providers.Provider;
import dev.junction.gateway.providers.UpstreamCall;
import dev.junction.gateway.providers.UpstreamTransport;
import dev.junction.protocol.model.ChatRequest;
import dev.junction.protocol.model.ChatResponse;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.StreamEvent;
import dev.junction.protocol.model.ToolCallIds;
import dev.junction.protocol.openai.OpenAiErrorDecoder;
import dev.junction.protocol.openai.OpenAiRequestEncoder;
import dev.junction.protocol.openai.OpenAiResponseDecoder;
import dev.junction.protocol.openai.OpenAiStreamDecoder;
import dev.junction.protocol.sse.SseEvent;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An OpenAI-compatible Chat Completions API at {@code base_url} (which holds the version path:
 * calls go to {@code {base_url}/chat/completions} and {@code {base_url}/embeddings}), with API keys as
 * {@code Authorization: Bearer}. It speaks OpenAI's protocol, so the OpenAI door relays to it
 * unchanged, chat and embeddings ({@link OpenAiNativeApi}); the other doors' chat requests are
 * encoded from the canonical model.
 *
 * <p>Capabilities, declared for the whole family of compatible servers rather than the best of
 * them: media URLs are fetched by Junction and sent inline (OpenAI reads image URLs itself, but
 * DeepSeek, vLLM and Ollama do not all), prompts are not counted (no such endpoint in the
 * protocol); embeddings are served to the OpenAI door only, passed through (no canonical embedder:
 * the Gemini door's {@code embedContent} is not translated).
 */
public final class OpenAiProvider implements Provider, OpenAiNativeApi {
    private static final Capabilities CAPABILITIES = new Capabilities(false, false, true);

    private final UpstreamSettings settings;
    private final KeyRing keys;
    private final UpstreamTransport transport;
    private final URI chatUri;
    private final URI embeddingsUri;

    public OpenAiProvider(Vertx vertx, UpstreamSettings settings, Clock clock) {
        this.settings = settings;
        this.keys = new KeyRing(settings.apiKeys(), clock);
        this.transport = UpstreamTransport.to(vertx, settings);
        String root = BaseUrls.root(settings.baseUrl());
        this.chatUri = URI.create(root + "/chat/completions");
        this.embeddingsUri = URI.create(root + "/embeddings");
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
        return chatCompletions(OpenAiRequestEncoder.encode(request, model), credential);
    }

    @Override
    public UpstreamCall chatCompletions(byte[] body, Credential credential) {
        return post(chatUri, body, credential);
    }

    @Override
    public UpstreamCall embeddings(byte[] body, Credential credential) {
        return post(embeddingsUri, body, credential);
    }

    private static UpstreamCall post(URI uri, byte[] body, Credential credential) {
        return new UpstreamCall("POST", uri, Map.of("Authorization", "Bearer " + credential.secret(),
                "Content-Type", "application/json"), body, credential);
    }

    @Override
    public ChatResponse decodeChat(byte[] body, ToolCallIds ids) {
        return OpenAiResponseDecoder.decode(body, ids);
    }

    @Override
    public ChatStreamDecoder chatStream(ToolCallIds ids) {
        OpenAiStreamDecoder decoder = new OpenAiStreamDecoder(ids);
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
        return scrub(OpenAiErrorDecoder.decode(status, body, retryAfter));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Optional<T> nativeApi(Class<T> api) {
        return api == OpenAiNativeApi.class ? Optional.of((T) this) : Optional.empty();
    }

    @Override
    public void close() {
        transport.close();
    }
}
