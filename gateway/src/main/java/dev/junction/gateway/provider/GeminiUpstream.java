package dev.junction.gateway.provider;

import dev.junction.gateway.access.ModelAllowlist;
import dev.junction.gateway.config.UpstreamSettings;
import dev.junction.protocol.gemini.GeminiErrors;
import dev.junction.protocol.model.GatewayError;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Google's Gemini API (or anything that speaks it, such as the built-in mock). */
public final class GeminiUpstream implements Upstream {
    private static final System.Logger LOG = System.getLogger(GeminiUpstream.class.getName());
    private static final Duration REJECTED_KEY_REST = Duration.ofMinutes(10);
    private static final Duration RATE_LIMITED_KEY_REST = Duration.ofSeconds(30);

    private final UpstreamSettings settings;
    private final KeyRing keys;
    private final UpstreamTransport transport;
    private final String basePath;

    public GeminiUpstream(Vertx vertx, UpstreamSettings settings, Clock clock) {
        this.settings = settings;
        this.keys = new KeyRing(settings.apiKeys(), clock);
        this.transport = new UpstreamTransport(vertx, settings.name(), "https".equals(settings.baseUrl().getScheme()),
                settings.connectTimeout(), settings.readTimeout());
        String path = settings.baseUrl().getRawPath();
        this.basePath = path == null || path.equals("/") ? "" : path.replaceAll("/+$", "");
    }

    @Override
    public String name() {
        return settings.name();
    }

    public UpstreamSettings settings() {
        return settings;
    }

    @Override
    public boolean serves(String model) {
        for (String pattern : settings.models()) {
            if (ModelAllowlist.matches(pattern, model)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean speaksGemini() {
        return true;
    }

    @Override
    public UpstreamCall geminiCall(GeminiMethod method, String model, byte[] body) {
        String key = keys.next();
        String path = basePath + "/v1beta/models/" + URLEncoder.encode(model, StandardCharsets.UTF_8) + ":"
                + method.wire() + (method == GeminiMethod.STREAM_GENERATE_CONTENT ? "?alt=sse" : "");
        return new UpstreamCall("POST", uri(path), Map.of("x-goog-api-key", key, "Content-Type", "application/json"),
                body, key);
    }

    @Override
    public UpstreamCall listModelsCall(String pageToken) {
        String key = keys.next();
        String query = "?pageSize=1000" + (pageToken.isEmpty() ? ""
                : "&pageToken=" + URLEncoder.encode(pageToken, StandardCharsets.UTF_8));
        return new UpstreamCall("GET", uri(basePath + "/v1beta/models" + query), Map.of("x-goog-api-key", key), null,
                key);
    }

    private URI uri(String pathAndQuery) {
        URI base = settings.baseUrl();
        return URI.create(base.getScheme() + "://" + base.getRawAuthority() + pathAndQuery);
    }

    @Override
    public GatewayError decodeError(int status, byte[] body) {
        GatewayError error = GeminiErrors.decode(status, body);
        String scrubbed = scrub(error.message());
        return scrubbed.equals(error.message()) ? error : error.withMessage(scrubbed);
    }

    @Override
    public void report(UpstreamCall call, GatewayError error) {
        switch (error.kind()) {
            case UPSTREAM_AUTH -> {
                keys.rest(call.credential(), REJECTED_KEY_REST);
                LOG.log(Level.WARNING, "upstream {0} rejected key {1}; it rests for {2} ({3} of {4} keys usable)",
                        name(), KeyRing.hint(call.credential()), REJECTED_KEY_REST, keys.usableCount(), keys.size());
            }
            case RATE_LIMITED, QUOTA_EXHAUSTED ->
                    keys.rest(call.credential(), error.retryAfter().orElse(RATE_LIMITED_KEY_REST));
            default -> {
                // Other failures say nothing about the key.
            }
        }
    }

    @Override
    public int credentialCount() {
        return keys.size();
    }

    @Override
    public String scrub(String text) {
        String out = text;
        for (String key : settings.apiKeys()) {
            if (!key.isEmpty() && out.contains(key)) {
                out = out.replace(key, "[redacted]");
            }
        }
        return out;
    }

    @Override
    public UpstreamTransport transport() {
        return transport;
    }

    @Override
    public void close() {
        transport.close();
    }

    public List<String> models() {
        return settings.models();
    }
}
