package dev.junction.gateway.limits;

import dev.junction.gateway.access.Token;
import dev.junction.gateway.context.Exchange;
import dev.junction.gateway.filter.GatewayFilter;
import dev.junction.gateway.pricing.PriceTable;
import dev.junction.protocol.model.GatewayException;

/**
 * Budgets in US dollars: before the call, reserve the estimated cost (prompt estimate plus the
 * output the request may produce, at the model's price); when it ends, settle with the actual
 * cost the {@link dev.junction.gateway.usage.MeteringFilter} put on the exchange. A spent budget
 * answers 429 {@code insufficient_quota} (OpenAI) / {@code RESOURCE_EXHAUSTED} (Google), with
 * {@code Retry-After} until the period resets.
 */
public final class QuotaFilter implements GatewayFilter {
    private final BudgetLedger ledger;
    private final PriceTable prices;
    private final int reserveOutputTokens;

    public QuotaFilter(BudgetLedger ledger, PriceTable prices, int reserveOutputTokens) {
        this.ledger = ledger;
        this.prices = prices;
        this.reserveOutputTokens = reserveOutputTokens;
    }

    @Override
    public void filter(Exchange exchange, Chain chain) {
        Token token = exchange.token().orElseThrow();
        if (token.limits().budgetMicros().isPresent() && exchange.endpoint().generates()) {
            String model = exchange.model().orElse("");
            long estimate = prices.cost(model, RequestEstimate.of(exchange, reserveOutputTokens).asUsage());
            BudgetLedger.Reservation reservation = null;
            try {
                reservation = ledger.reserve(token, exchange.startedAt(), estimate, exchange.requestId());
            } catch (GatewayException e) {
                throw e;
            } catch (RuntimeException e) {
                FailOpen.report("budgets", e);
            }
            if (reservation != null) {
                BudgetLedger.Reservation held = reservation;
                exchange.onComplete(ex -> settle(held, ex));
            }
        }
        chain.proceed();
    }

    private void settle(BudgetLedger.Reservation reservation, Exchange exchange) {
        try {
            ledger.settle(reservation, exchange.costMicros());
        } catch (RuntimeException e) {
            FailOpen.report("budgets", e);
        }
    }
}
