package dev.junction.gateway.doors.gemini;

import dev.junction.gateway.context.ClientApi;
import dev.junction.gateway.context.Endpoint;
import dev.junction.gateway.context.Exchange;
import dev.junction.gateway.providers.GeminiMethod;
import dev.junction.gateway.providers.GeminiNativeApi;
import dev.junction.gateway.providers.Provider;
import dev.junction.gateway.providers.ResponseBudget;
import dev.junction.gateway.providers.UpstreamCall;
import dev.junction.gateway.providers.UpstreamResponse;
import dev.junction.gateway.relay.Candidates;
import dev.junction.gateway.relay.Failover;
import dev.junction.gateway.relay.StreamRelay;
import dev.junction.gateway.relay.UpstreamErrorException;
import dev.junction.protocol.Json;
import dev.junction.protocol.gemini.GeminiUsage;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.Optional;

/**
 * {@code POST /v1beta/models/{model}:{method}} relayed to an upstream that speaks the Gemini API,
 * unchanged: the body goes out byte for byte (unknown fields, snake_case and camelCase alike),
 * with only the model in the URL and the credential chosen by Junction. Streams are relayed
 * event by event, whole answers once checked to be whole JSON, and the upstream's errors with
 * their own status and details ({@link UpstreamErrorRelay}).
 */
final class GeminiGenerateEndpoint implements Endpoint {
    private final GeminiMethod method;
    private final String model;
    private final boolean sse;
    private final ResponseBudget budget;
    private final int maxAnswerBytes;

    GeminiGenerateEndpoint(GeminiMethod method, String model, boolean sse, ResponseBudget budget, int maxAnswerBytes) {
        this.method = method;
        this.model = model;
        this.sse = sse;
        this.budget = budget;
        this.maxAnswerBytes = maxAnswerBytes;
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
        Failover.run(exchange, candidates, target -> {
            Optional<GeminiNativeApi> api = target.provider().nativeApi(GeminiNativeApi.class);
            if (api.isEmpty()) {
                throw new GatewayException(GatewayError.of(GatewayError.Kind.INVALID_REQUEST,
                        "The model '" + Json.brief(model) + "' is not served through the Gemini API here; use "
                                + "/v1/chat/completions."));
            }
            if (!api.get().serves(method)) {
                throw new GatewayException(GatewayError.of(GatewayError.Kind.INVALID_REQUEST,
                        "The upstream serving '" + Json.brief(model) + "' (" + target.provider().kind() + ") does not offer "
                                + method.wire() + "."));
            }
            return Optional.of(new Failover.Plan() {
                @Override
                public Future<UpstreamCall> call(dev.junction.gateway.providers.Credential credential) {
                    return Future.succeededFuture(api.get().call(method, target.model(), exchange.body(), credential));
                }

                @Override
                public void answer(UpstreamResponse response) {
                    GeminiGenerateEndpoint.this.answer(exchange, target.provider(), response);
                }
            });
        }).onFailure(failure -> {
            if (failure instanceof UpstreamErrorException e
                    && e.target().provider().nativeApi(GeminiNativeApi.class).isPresent()) {
                UpstreamErrorRelay.relay(exchange, e, e.target().provider()::scrub);
            } else {
                exchange.fail(failure);
            }
        });
    }

    private void answer(Exchange exchange, Provider upstream, UpstreamResponse response) {
        if (exchange.stream()) {
            StreamRelay.start(exchange, upstream, response, new NativeStreamTranslator(
                    sse ? NativeStreamTranslator.Framing.SSE : NativeStreamTranslator.Framing.JSON_ARRAY,
                    u -> exchange.usage(u, false), exchange::error, upstream::scrub));
            return;
        }
        if (exchange.finished()) {
            response.cancel();
            return;
        }
        exchange.onCancel(response::cancel);
        response.readBuffer(maxAnswerBytes, budget).onComplete(read -> {
            if (read.failed()) {
                exchange.fail(new GatewayException(upstream.transport().failure(read.cause()), read.cause()));
                return;
            }
            Buffer buffer = read.result();
            try {
                byte[] body = buffer.getBytes();
                if (!JsonBodies.isObject(body)) {
                    exchange.fail(GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR, "The upstream '" + upstream.name()
                            + "' sent an answer that is not whole JSON (cut or corrupted on the way)."));
                    return;
                }
                if (method.generates()) {
                    GeminiUsage.fromResponse(body).ifPresent(u -> exchange.usage(u, false));
                }
                exchange.status(200);
                exchange.downstream().send(200, "application/json; charset=UTF-8", body);
                exchange.firstByte(System.nanoTime());
                exchange.finish();
            } finally {
                budget.release(buffer.length());
            }
        });
    }
}
