package dev.junction.gateway.filter;

import dev.junction.gateway.context.Exchange;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs filters in order, then the terminal step. Enforces the filter contract: proceeding twice
 * fails, and a filter that returns without proceeding, suspending or ending the exchange fails
 * the request loudly rather than leaving the client without an answer. Anything a filter or
 * the terminal step throws ends the exchange with that failure.
 */
public final class FilterChain {
    private final List<GatewayFilter> filters;

    public FilterChain(List<GatewayFilter> filters) {
        this.filters = List.copyOf(filters);
    }

    public void run(Exchange exchange, Consumer<Exchange> terminal) {
        new Step(exchange, terminal, 0).proceed();
    }

    private final class Step implements GatewayFilter.Chain {
        private final Exchange exchange;
        private final Consumer<Exchange> terminal;
        private final int index;
        private boolean proceeded;
        private boolean suspended;

        Step(Exchange exchange, Consumer<Exchange> terminal, int index) {
            this.exchange = exchange;
            this.terminal = terminal;
            this.index = index;
        }

        @Override
        public GatewayFilter.Chain suspend() {
            suspended = true;
            return this;
        }

        @Override
        public void proceed() {
            if (proceeded) {
                throw new IllegalStateException("filter " + name(index - 1) + " proceeded twice");
            }
            proceeded = true;
            if (exchange.finished()) {
                return;
            }
            try {
                if (index == filters.size()) {
                    terminal.accept(exchange);
                    return;
                }
                GatewayFilter filter = filters.get(index);
                Step next = new Step(exchange, terminal, index + 1);
                filter.filter(exchange, next);
                if (!next.proceeded && !next.suspended && !exchange.finished()) {
                    throw new IllegalStateException("filter " + name(index) + " neither proceeded nor failed the request");
                }
            } catch (RuntimeException e) {
                exchange.fail(e);
            }
        }

        private String name(int i) {
            return i < 0 ? "chain" : filters.get(i).getClass().getSimpleName();
        }
    }
}
