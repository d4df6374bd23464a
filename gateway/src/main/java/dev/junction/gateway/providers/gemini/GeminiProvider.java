package dev.junction.gateway.providers.gemini;

import dev.junction.gateway.config.UpstreamSettings;
import dev.junction.gateway.providers.BaseUrls;
import dev.junction.gateway.providers.Capabilities;
import dev.junction.gateway.providers.ChatStreamDecoder;
import dev.junction.gateway.providers.Credential;
import dev.junction.gateway.providers.Credentials;
import dev.junction.gateway.providers.Embedder;
import dev.junction.gateway.providers.GeminiMethod;
import dev.junction.gateway.providers.GeminiNativeApi;
import dev.junction.gateway.providers.KeyRing;
import dev.junction.gateway.providers.ModelLister;
import dev.junction.gateway.providers.Provider;
import dev.junction.gateway.providers.TokenCounter;
import dev.junction.gateway.providers.UpstreamCall;
import dev.junction.gateway.providers.UpstreamTransport;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.gemini.GeminiEmbeddings;
import dev.junction.protocol.gemini.GeminiErrors;
import dev.junction.protocol.gemini.GeminiRequestEncoder;
import dev.junction.protocol.gemini.GeminiResponseDecoder;
import dev.junction.protocol.gemini.ThinkingCapabilities;
import dev.junction.protocol.model.ChatRequest;
import dev.junction.protocol.model.ChatResponse;
import dev.junction.protocol.model.EmbedRequest;
import dev.junction.protocol.model.EmbedResponse;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import dev.junction.protocol.model.ToolCallIds;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Google's Gemini API ({@code generativelanguage.googleapis.com}, or anything that speaks it,
 * such as the built-in mock), with API keys in {@code x-goog-api-key}. It speaks the Gemini
 * native API, so the Gemini door relays to it unchanged; canonical requests are encoded with
 * the thinking table of the model asked for.
 */
public final class GeminiProvider implements Provider, GeminiNativeApi, ModelLister, TokenCounter, Embedder {
    private static final Capabilities CAPABILITIES = new Capabilities(false, true, true);

    private final UpstreamSettings settings;
    private final String kind;
    private final KeyRing keys;
    private final UpstreamTransport transport;
    private final ThinkingCapabilities thinking;
    private final String root;
    private final AutoCloseable companion;

    public GeminiProvider(Vertx vertx, UpstreamSettings settings, Clock clock, ThinkingCapabilities thinking) {
        this(vertx, settings, clock, thinking, () -> {});
    }

    /** @param companion closed with this provider (the built-in mock server it relays to, say) */
    public GeminiProvider(Vertx vertx, UpstreamSettings settings, Clock clock, ThinkingCapabilities thinking,
            AutoCloseable companion) {
        this.companion = companion;
        this.settings = settings;
        this.kind = settings.type();
        this.keys = new KeyRing(settings.apiKeys(), clock);
        this.thinking = thinking;
        this.transport = UpstreamTransport.to(vertx, settings);
        this.root = BaseUrls.root(settings.baseUrl());
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public String kind() {
        return kind;
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
        byte[] body = GeminiRequestEncoder.encode(request, thinking.resolve(model));
        return call(request.stream() ? GeminiMethod.STREAM_GENERATE_CONTENT : GeminiMethod.GENERATE_CONTENT, model,
                body, credential);
    }

    @Override
    public ChatResponse decodeChat(byte[] body, ToolCallIds ids) {
        return GeminiResponseDecoder.decode(body, ids);
    }

    @Override
    public ChatStreamDecoder chatStream(ToolCallIds ids) {
        return GeminiStreamEvents.decoder(ids);
    }

    @Override
    public GatewayError decodeError(int status, byte[] body, Optional<String> retryAfter) {
        return scrub(GeminiErrors.decode(status, body));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Optional<T> nativeApi(Class<T> api) {
        return api == GeminiNativeApi.class ? Optional.of((T) this) : Optional.empty();
    }

    @Override
    public Optional<TokenCounter> tokenCounter() {
        return Optional.of(this);
    }

    /** Gemini's {@code countTokens} over the whole request it would generate from, model included. */
    @Override
    public UpstreamCall countCall(ChatRequest request, String model, Credential credential) {
        ObjectNode generate;
        try {
            generate = (ObjectNode) Json.MAPPER.readTree(GeminiRequestEncoder.encode(request, thinking.resolve(model)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        generate.put("model", "models/" + model);
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("generateContentRequest", generate);
        try {
            return call(GeminiMethod.COUNT_TOKENS, model, Json.MAPPER.writeValueAsBytes(body), credential);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int decodeCount(byte[] body) {
        try {
            JsonNode root = Json.MAPPER.readTree(body);
            if (root != null && root.path("totalTokens").canConvertToInt()) {
                return root.get("totalTokens").asInt();
            }
        } catch (IOException | RuntimeException e) {
            // garbage: below
        }
        throw new GatewayException(GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR,
                "the upstream's token count is not a Gemini countTokens answer"));
    }

    @Override
    public Optional<Embedder> embedder() {
        return Optional.of(this);
    }

    /** Gemini's {@code batchEmbedContents}, every input one request of the batch. */
    @Override
    public UpstreamCall embedCall(EmbedRequest request, String model, Credential credential) {
        return call(GeminiMethod.BATCH_EMBED_CONTENTS, model, GeminiEmbeddings.encode(request, model), credential);
    }

    @Override
    public EmbedResponse decodeEmbeddings(byte[] body, int inputs) {
        return GeminiEmbeddings.decode(body, inputs);
    }

    @Override
    public Optional<ModelLister> lister() {
        return Optional.of(this);
    }

    @Override
    public UpstreamCall call(GeminiMethod method, String model, byte[] body, Credential credential) {
        String path = "/v1beta/models/" + URLEncoder.encode(model, StandardCharsets.UTF_8) + ":"
                + method.wire() + (method == GeminiMethod.STREAM_GENERATE_CONTENT ? "?alt=sse" : "");
        return new UpstreamCall("POST", uri(path), Map.of("x-goog-api-key", credential.secret(),
                "Content-Type", "application/json"), body, credential);
    }

    @Override
    public UpstreamCall page(String pageToken, Credential credential) {
        String query = "?pageSize=1000" + (pageToken.isEmpty() ? ""
                : "&pageToken=" + URLEncoder.encode(pageToken, StandardCharsets.UTF_8));
        return new UpstreamCall("GET", uri("/v1beta/models" + query),
                Map.of("x-goog-api-key", credential.secret()), null, credential);
    }

    private URI uri(String pathAndQuery) {
        return URI.create(root + pathAndQuery);
    }

    @Override
    public void close() {
        transport.close();
        try {
            companion.close();
        } catch (Exception e) {
            System.getLogger(GeminiProvider.class.getName()).log(System.Logger.Level.WARNING,
                    "closing what upstream {0} relays to failed: {1}", name(), e.getMessage());
        }
    }
}
