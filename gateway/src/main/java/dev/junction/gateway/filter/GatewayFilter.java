package dev.junction.gateway.filter;

import dev.junction.gateway.edge.Exchange;

/**
 * One step of the request pipeline. A filter either calls {@link Chain#proceed()} exactly once,
 * or stops the request by throwing a {@link dev.junction.protocol.model.GatewayException}, which
 * the edge renders in the caller's protocol. Doing neither is a bug the chain reports.
 */
@FunctionalInterface
public interface GatewayFilter {
    void filter(Exchange exchange, Chain chain);

    /** The rest of the pipeline. */
    interface Chain {
        void proceed();
    }
}
