package dev.junction.gateway.providers.vertex;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.junction.gateway.providers.BaseUrls;
import dev.junction.gateway.providers.Capabilities;
import dev.junction.gateway.providers.ChatStreamDecoder;
import dev.junction.gateway.providers.Credential;
import dev.junction.gateway.providers.Credentials;
import dev.junction.gateway.providers.GeminiMethod;
import dev.junction.gateway.providers.GeminiNativeApi;
import dev.junction.gateway.providers.KeyRing;
import dev.junction.gateway.providers.Provider;
import dev.junction.gateway.providers.UpstreamCall;
import dev.junction.gateway.providers.UpstreamTransport;
import dev.junction.gateway.providers.gemini.GeminiStreamEvents;
import dev.junction.protocol.gemini.GeminiErrors;
import dev.junction.protocol.gemini.GeminiRequestEncoder;
import dev.junction.protocol.gemini.GeminiResponseDecoder;
import dev.junction.protocol.gemini.ThinkingCapabilities;
import dev.junction.protocol.gemini.VertexContents;
import dev.junction.protocol.model.ChatRequest;
import dev.junction.protocol.model.ChatResponse;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.ToolCallIds;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gemini on Vertex AI. The wire is Gemini's (the same request, answer, stream and error shapes),
 * so the Gemini door relays to it natively; what differs is the address
 * ({@code /v1/projects/{p}/locations/{l}/publishers/google/models/{m}:method}, or
 * {@code /v1/publishers/google/models/{m}:method} in express mode), the credential (a service
 * account's OAuth token, or an express-mode key) and what Vertex insists on: every content needs
 * its {@code role}, which the Gemini API lets clients leave out, so Junction fills it in.
 * Vertex serves no {@code models.list} for publisher models at this address and no
 * {@code embedContent} / {@code batchEmbedContents}, so the configured names are listed and
 * embeddings go to another candidate.
 */
public final class VertexProvider implements Provider, GeminiNativeApi {
    static final List<String> SCOPES = List.of("https://www.googleapis.com/auth/cloud-platform");
    private static final Capabilities CAPABILITIES = new Capabilities(false, true, false);

    private final VertexSettings settings;
    private final Credentials credentials;
    private final UpstreamTransport transport;
    private final ThinkingCapabilities thinking;
    private final String modelsUrl;

    VertexProvider(Vertx vertx, VertexSettings settings, Clock clock, ThinkingCapabilities thinking) {
        this.settings = settings;
        this.thinking = thinking;
        this.credentials = settings.expressMode() ? new KeyRing(settings.upstream().apiKeys(), clock)
                : new ServiceAccountTokens(settings.upstream().name(), serviceAccount(settings), clock);
        this.transport = UpstreamTransport.to(vertx, settings.upstream(), settings.host());
        this.modelsUrl = BaseUrls.root(settings.host()) + (settings.expressMode() ? "/v1/publishers/google/models/"
                : "/v1/projects/" + settings.project().orElseThrow() + "/locations/" + settings.location()
                        + "/publishers/google/models/");
    }

    private static GoogleCredentials serviceAccount(VertexSettings settings) {
        try (InputStream in = Files.newInputStream(settings.keyFile().orElseThrow())) {
            return ServiceAccountCredentials.fromStream(in).createScoped(SCOPES);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the service account key of upstream "
                    + settings.upstream().name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return settings.upstream().name();
    }

    @Override
    public String kind() {
        return "vertex";
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Credentials credentials() {
        return credentials;
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
    public boolean serves(GeminiMethod method) {
        return !method.embeds();
    }

    @Override
    public UpstreamCall call(GeminiMethod method, String model, byte[] body, Credential credential) {
        URI uri = URI.create(modelsUrl + URLEncoder.encode(model, StandardCharsets.UTF_8) + ":" + method.wire()
                + (method == GeminiMethod.STREAM_GENERATE_CONTENT ? "?alt=sse" : ""));
        Map<String, String> headers = settings.expressMode()
                ? Map.of("x-goog-api-key", credential.secret(), "Content-Type", "application/json")
                : Map.of("Authorization", credential.secret(), "Content-Type", "application/json");
        return new UpstreamCall("POST", uri, headers, VertexContents.withRoles(body), credential);
    }

    @Override
    public void close() {
        transport.close();
        if (credentials instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                System.getLogger(VertexProvider.class.getName()).log(System.Logger.Level.WARNING,
                        "closing the token minter of upstream {0} failed: {1}", name(), e.getMessage());
            }
        }
    }
}
