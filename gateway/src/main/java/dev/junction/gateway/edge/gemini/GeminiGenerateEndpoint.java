package dev.junction.gateway.edge.gemini;

import dev.junction.gateway.edge.BodyReader;
import dev.junction.gateway.edge.ClientProtocol;
import dev.junction.gateway.edge.Endpoint;
import dev.junction.gateway.edge.Exchange;
import dev.junction.gateway.provider.GeminiMethod;
import dev.junction.gateway.provider.Upstream;
import dev.junction.gateway.provider.UpstreamResponse;
import dev.junction.gateway.relay.NativeArrayTranslator;
import dev.junction.gateway.relay.NativeSseTranslator;
import dev.junction.gateway.relay.StreamRelay;
import dev.junction.gateway.relay.StreamTranslator;
import dev.junction.gateway.relay.UpstreamCaller;
import dev.junction.gateway.relay.UpstreamErrorException;
import dev.junction.protocol.gemini.GeminiUsage;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import java.io.IOException;

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
    private final BodyReader bodyReader;

    public GeminiGenerateEndpoint(GeminiMethod method, String model, boolean sse, BodyReader bodyReader) {
        this.method = method;
        this.model = model;
        this.sse = sse;
        this.bodyReader = bodyReader;
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
    public void read(Exchange exchange) {
        byte[] body = bodyReader.read(exchange.request());
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
        UpstreamResponse response;
        try {
            response = UpstreamCaller.open(upstream, upstream.credentialCount(),
                    () -> upstream.geminiCall(method, upstreamModel, exchange.body()));
        } catch (UpstreamErrorException e) {
            UpstreamErrorRelay.relay(exchange, e, upstream::scrub);
            return;
        }
        if (exchange.stream()) {
            StreamTranslator translator = sse
                    ? new NativeSseTranslator(u -> exchange.usage(u, false), exchange::error, upstream::scrub)
                    : new NativeArrayTranslator(u -> exchange.usage(u, false), exchange::error, upstream::scrub);
            StreamRelay.run(exchange, upstream, response, translator);
        } else {
            relayWhole(exchange, upstream, response);
        }
    }

    private void relayWhole(Exchange exchange, Upstream upstream, UpstreamResponse response) {
        byte[] body;
        try (response) {
            body = response.readAll(MAX_RESPONSE_BYTES);
        } catch (IOException | RuntimeException e) {
            throw new GatewayException(upstream.transport().failure(e), e);
        }
        if (method.generates()) {
            GeminiUsage.fromResponse(body).ifPresent(u -> exchange.usage(u, false));
        }
        exchange.status(200);
        exchange.downstream().send(200, "application/json; charset=UTF-8", body);
        exchange.firstByte(System.nanoTime());
    }
}
