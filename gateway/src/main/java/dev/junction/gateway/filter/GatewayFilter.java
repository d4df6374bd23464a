package dev.junction.gateway.filter;

import dev.junction.gateway.context.Exchange;

/**
 * One step of the request pipeline. A filter either calls {@link Chain#proceed()} exactly once,
 * or stops the request by throwing a {@link dev.junction.protocol.model.GatewayException} (or by
 * {@link Exchange#fail failing} the exchange). A filter that must wait for something (the
 * request body, a shared counter) first calls {@link Chain#suspend()}, then proceeds or fails
 * later from its callback. Returning having done none of these is a bug the chain reports.
 */
@FunctionalInterface
public interface GatewayFilter {
    void filter(Exchange exchange, Chain chain);

    /** The rest of the pipeline. */
    interface Chain {
        /** Runs the rest of the pipeline now. */
        void proceed();

        /** Declares that the filter will proceed (or fail) later; returns the chain to proceed with. */
        Chain suspend();
    }
}
