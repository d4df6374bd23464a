package dev.junction.gateway.doors.gemini;

import dev.junction.gateway.context.ClientApi;
import dev.junction.gateway.context.Endpoint;
import dev.junction.gateway.context.Exchange;
import dev.junction.gateway.providers.GeminiMethod;
import dev.junction.gateway.providers.GeminiNativeApi;
import dev.junction.gateway.relay.Candidates;
import dev.junction.gateway.relay.ChatRelay;
import dev.junction.gateway.relay.Failover;
import dev.junction.gateway.relay.UpstreamErrorException;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code POST /v1beta/models/{model}:{method}}, decided per candidate: an upstream that speaks
 * the Gemini API gets the body unchanged ({@link NativePassthrough}), and its errors go back as
 * Google sent them ({@link UpstreamErrorRelay}); any other upstream is reached through
 * Junction's canonical model ({@link TranslatedGeneration}), its errors told in Google's shape.
 * So one model served by a Gemini upstream and, as a fallback, by an Anthropic one fails over
 * from the first to the second like any other.
 */
final class GeminiGenerateEndpoint implements Endpoint {
    private final GeminiMethod method;
    private final String model;
    private final boolean sse;
    private final ChatRelay relay;
    private final Clock clock;

    GeminiGenerateEndpoint(GeminiMethod method, String model, boolean sse, ChatRelay relay, Clock clock) {
        this.method = method;
        this.model = model;
        this.sse = sse;
        this.relay = relay;
        this.clock = clock;
    }

    @Override
    public ClientApi api() {
        return GeminiApi.INSTANCE;
    }

    @Override
    public String name() {
        return method.wire();
    }

    @Override
    public boolean generates() {
        return method.generates();
    }

    @Override
    public boolean answersWithOutput() {
        return !method.embeds();
    }

    @Override
    public boolean hasBody() {
        return true;
    }

    @Override
    public void read(Exchange exchange, byte[] body) {
        JsonBodies.requireObject(body);
        exchange.body(body);
        exchange.model(model);
        exchange.stream(method == GeminiMethod.STREAM_GENERATE_CONTENT);
    }

    @Override
    public void serve(Exchange exchange) {
        Candidates candidates = exchange.attribute(Candidates.class).orElseThrow();
        NativePassthrough passthrough = new NativePassthrough(exchange, method, sse, relay);
        TranslatedGeneration translated = new TranslatedGeneration(exchange, method, model, sse, relay, clock);
        Failover.run(exchange, candidates, target -> {
            Optional<GeminiNativeApi> api = target.provider().nativeApi(GeminiNativeApi.class);
            return api.isPresent() ? Optional.of(passthrough.plan(target, api.get())) : translated.plan(target);
        }).onFailure(failure -> {
            if (failure instanceof UpstreamErrorException e
                    && e.target().provider().nativeApi(GeminiNativeApi.class).isPresent()) {
                UpstreamErrorRelay.relay(exchange, e, e.target().provider()::scrub);
            } else {
                exchange.fail(failure);
            }
        });
    }
}
