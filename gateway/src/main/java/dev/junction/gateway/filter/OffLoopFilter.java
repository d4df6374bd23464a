package dev.junction.gateway.filter;

import dev.junction.gateway.concurrent.Blocking;
import dev.junction.gateway.context.Exchange;
import java.util.List;

/**
 * Runs filters that block (their state is in a shared store across the network) on a virtual
 * thread, so the event loop never waits for them, then continues the chain on the event loop.
 * Their completion actions run off the loop too. In-process state needs none of this: the same
 * filters run inline when limits are kept in memory.
 */
public final class OffLoopFilter implements GatewayFilter {
    private final List<GatewayFilter> delegates;

    public OffLoopFilter(List<GatewayFilter> delegates) {
        this.delegates = List.copyOf(delegates);
    }

    @Override
    public void filter(Exchange exchange, Chain chain) {
        Chain rest = chain.suspend();
        exchange.completeOffLoop();
        Blocking.run(() -> {
            for (GatewayFilter delegate : delegates) {
                Passed passed = new Passed();
                delegate.filter(exchange, passed);
                if (!passed.proceeded) {
                    throw new IllegalStateException("filter " + delegate.getClass().getSimpleName()
                            + " neither proceeded nor failed the request");
                }
            }
            return null;
        }).onComplete(done -> {
            if (done.succeeded()) {
                rest.proceed();
            } else {
                exchange.fail(done.cause());
            }
        });
    }

    /** Records that a delegate let the request pass; the real chain continues on the event loop. */
    private static final class Passed implements Chain {
        private boolean proceeded;

        @Override
        public void proceed() {
            proceeded = true;
        }

        @Override
        public Chain suspend() {
            throw new IllegalStateException("a filter run off the event loop may not suspend");
        }
    }
}
