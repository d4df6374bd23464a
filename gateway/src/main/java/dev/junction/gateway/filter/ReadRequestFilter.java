package dev.junction.gateway.filter;

import dev.junction.gateway.filter.BodyReader;
import dev.junction.gateway.context.Exchange;

/**
 * Reads the request body, now that the caller is known, and lets the endpoint read what it asks
 * for. The body arrives asynchronously: the chain waits for it without holding a thread.
 */
public final class ReadRequestFilter implements GatewayFilter {
    private static final byte[] NO_BODY = new byte[0];

    private final BodyReader bodies;

    public ReadRequestFilter(BodyReader bodies) {
        this.bodies = bodies;
    }

    @Override
    public void filter(Exchange exchange, Chain chain) {
        if (!exchange.endpoint().hasBody()) {
            exchange.endpoint().read(exchange, NO_BODY);
            chain.proceed();
            return;
        }
        Chain rest = chain.suspend();
        bodies.read(exchange.request()).onComplete(body -> {
            if (body.failed()) {
                exchange.fail(body.cause());
                return;
            }
            try {
                exchange.endpoint().read(exchange, body.result());
            } catch (RuntimeException e) {
                exchange.fail(e);
                return;
            }
            rest.proceed();
        });
    }
}
