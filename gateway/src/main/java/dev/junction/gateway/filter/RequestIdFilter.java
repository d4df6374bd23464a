package dev.junction.gateway.filter;

import dev.junction.gateway.context.Exchange;

/** Tells the client the id its request is logged and billed under. */
public final class RequestIdFilter implements GatewayFilter {
    public static final String HEADER = "x-request-id";

    @Override
    public void filter(Exchange exchange, Chain chain) {
        exchange.downstream().header(HEADER, exchange.requestId());
        chain.proceed();
    }
}
