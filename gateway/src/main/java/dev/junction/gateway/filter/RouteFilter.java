package dev.junction.gateway.filter;

import dev.junction.gateway.context.Exchange;
import dev.junction.gateway.relay.Candidates;
import dev.junction.gateway.routing.Upstreams;
import java.util.function.Supplier;

/**
 * Finds where the requested model may be served (404 when nowhere) and keeps the candidates on
 * the exchange for the endpoint. The upstream set is read per request, so a reload takes effect
 * for the next request while those under way keep the set they started with.
 */
public final class RouteFilter implements GatewayFilter {
    private final Supplier<Upstreams> upstreams;

    public RouteFilter(Supplier<Upstreams> upstreams) {
        this.upstreams = upstreams;
    }

    @Override
    public void filter(Exchange exchange, Chain chain) {
        exchange.model().ifPresent(model -> exchange.attribute(Candidates.class, upstreams.get().candidates(model)));
        chain.proceed();
    }
}
