package dev.junction.gateway.edge.gemini;

import dev.junction.gateway.edge.ClientProtocol;
import dev.junction.gateway.edge.Endpoint;
import dev.junction.gateway.edge.Exchange;
import dev.junction.gateway.provider.GeminiMethod;
import dev.junction.gateway.provider.Upstream;
import dev.junction.gateway.provider.UpstreamResponse;
import dev.junction.gateway.relay.NativeStreamTranslator;
import dev.junction.gateway.relay.StreamRelay;
import dev.junction.gateway.relay.UpstreamCaller;
import dev.junction.gateway.relay.UpstreamErrorException;
import dev.junction.protocol.gemini.GeminiUsage;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;

/**
 * {@code POST /v1beta/models/{model}:{method}} relayed to a Gemini upstream unchanged: the body
 * goes out byte for byte (unknown fields, snake_case and camelCase alike), with only the model
 * in the URL and the credential chosen by Junction. Streams are relayed event by event, and the
 * upstream's errors with their own status and details ({@link UpstreamErrorRelay}).
 */
public final class GeminiGenerateEndpoint implements Endpoint {
    private static final int MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

    private final GeminiMethod method;
    private final String model;
    private final boolean sse;

    public GeminiGenerateEndpoint(GeminiMethod method, String model, boolean sse) {
        this.method = method;
        this.model = model;
        this.sse = sse;
    }

    @Override
    public ClientProtocol protocol() {
        return ClientProtocol.GEMINI;
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
        Upstream upstream = exchange.upstream().orElseThrow();
        if (!upstream.speaksGemini()) {
            throw new GatewayException(GatewayError.of(GatewayError.Kind.INVALID_REQUEST,
                    "The model '" + model + "' is not served through the Gemini API here; use /v1/chat/completions."));
        }
        String upstreamModel = exchange.upstreamModel().orElse(model);
        UpstreamCaller.open(upstream, () -> upstream.geminiCall(method, upstreamModel, exchange.body()))
                .onSuccess(response -> answer(exchange, upstream, response))
                .onFailure(failure -> {
                    if (failure instanceof UpstreamErrorException e) {
                        UpstreamErrorRelay.relay(exchange, e, upstream::scrub);
                    } else {
                        exchange.fail(failure);
                    }
                });
    }

    private void answer(Exchange exchange, Upstream upstream, UpstreamResponse response) {
        if (exchange.stream()) {
            StreamRelay.start(exchange, upstream, response, new NativeStreamTranslator(
                    sse ? NativeStreamTranslator.Framing.SSE : NativeStreamTranslator.Framing.JSON_ARRAY,
                    u -> exchange.usage(u, false), exchange::error, upstream::scrub));
            return;
        }
        exchange.onCancel(response::cancel);
        response.readAll(MAX_RESPONSE_BYTES).onComplete(read -> {
            if (read.failed()) {
                exchange.fail(new GatewayException(upstream.transport().failure(read.cause()), read.cause()));
                return;
            }
            byte[] body = read.result();
            if (method.generates()) {
                GeminiUsage.fromResponse(body).ifPresent(u -> exchange.usage(u, false));
            }
            exchange.status(200);
            exchange.downstream().send(200, "application/json; charset=UTF-8", body);
            exchange.firstByte(System.nanoTime());
            exchange.finish();
        });
    }
}
