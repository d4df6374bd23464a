package dev.junction.gateway.doors.gemini;

import dev.junction.gateway.context.Exchange;
import dev.junction.gateway.providers.Credential;
import dev.junction.gateway.providers.GeminiMethod;
import dev.junction.gateway.providers.GeminiNativeApi;
import dev.junction.gateway.providers.Provider;
import dev.junction.gateway.providers.UpstreamCall;
import dev.junction.gateway.providers.UpstreamResponse;
import dev.junction.gateway.relay.ChatRelay;
import dev.junction.gateway.relay.Failover;
import dev.junction.gateway.relay.StreamRelay;
import dev.junction.gateway.relay.Target;
import dev.junction.protocol.Json;
import dev.junction.protocol.gemini.GeminiUsage;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * A Gemini call relayed to an upstream that speaks the Gemini API, unchanged: the body goes out
 * byte for byte (unknown fields, snake_case and camelCase alike), with only the model in the URL
 * and the credential chosen by Junction. Streams are relayed event by event, whole answers once
 * checked to be whole JSON, with usage tapped on the way.
 */
final class NativePassthrough {
    private final Exchange exchange;
    private final GeminiMethod method;
    private final boolean sse;
    private final ChatRelay relay;

    NativePassthrough(Exchange exchange, GeminiMethod method, boolean sse, ChatRelay relay) {
        this.exchange = exchange;
        this.method = method;
        this.sse = sse;
        this.relay = relay;
    }

    /**
     * The plan for {@code target}, whose provider offers {@code api}.
     *
     * @throws GatewayException a 400 when the upstream does not offer the method
     */
    Failover.Plan plan(Target target, GeminiNativeApi api) {
        if (!api.serves(method)) {
            throw new GatewayException(GatewayError.of(GatewayError.Kind.INVALID_REQUEST,
                    "The upstream serving '" + Json.brief(exchange.model().orElse("")) + "' (" + target.provider().kind()
                            + ") does not offer " + method.wire() + "."));
        }
        return new Failover.Plan() {
            @Override
            public Future<UpstreamCall> call(Credential credential) {
                return Future.succeededFuture(api.call(method, target.model(), exchange.body(), credential));
            }

            @Override
            public void answer(UpstreamResponse response) {
                NativePassthrough.this.answer(target.provider(), response);
            }
        };
    }

    private void answer(Provider upstream, UpstreamResponse response) {
        if (exchange.stream()) {
            StreamRelay.start(exchange, upstream, response, new NativeStreamTranslator(new StreamFraming(sse),
                    u -> exchange.usage(u, false), exchange::error, upstream::scrub));
            return;
        }
        relay.relayWhole(exchange, upstream, response,
                body -> method.generates() ? GeminiUsage.fromResponse(body) : Optional.empty());
    }
}
