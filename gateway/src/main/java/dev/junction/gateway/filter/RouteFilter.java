package dev.junction.gateway.filter;

import dev.junction.gateway.edge.Exchange;
import dev.junction.gateway.provider.UpstreamRegistry;

/** Chooses the upstream for the requested model (404 when none serves it). */
public final class RouteFilter implements GatewayFilter {
    private final UpstreamRegistry upstreams;

    public RouteFilter(UpstreamRegistry upstreams) {
        this.upstreams = upstreams;
    }

    @Override
    public void filter(Exchange exchange, Chain chain) {
        exchange.model().ifPresent(model -> exchange.upstream(upstreams.route(model), model));
        chain.proceed();
    }
}
