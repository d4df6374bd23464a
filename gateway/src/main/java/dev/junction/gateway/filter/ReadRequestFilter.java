package dev.junction.gateway.filter;

import dev.junction.gateway.edge.Exchange;

/** Lets the endpoint read and check the request body, now that the caller is known. */
public final class ReadRequestFilter implements GatewayFilter {
    @Override
    public void filter(Exchange exchange, Chain chain) {
        exchange.endpoint().read(exchange);
        chain.proceed();
    }
}
