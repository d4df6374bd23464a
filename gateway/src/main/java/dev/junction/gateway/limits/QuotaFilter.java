package dev.junction.gateway.limits;

import dev.junction.gateway.access.Token;
import dev.junction.gateway.context.Exchange;
import dev.junction.gateway.filter.GatewayFilter;
import dev.junction.gateway.pricing.PriceTable;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;

/**
 * Budgets in US dollars: before the call, reserve the estimated cost (prompt estimate plus the
 * output the request may produce, at the model's price); when it ends, settle with the actual
 * cost the {@link dev.junction.gateway.usage.MeteringFilter} put on the exchange. A spent budget
 * answers 429 {@code insufficient_quota} (OpenAI) / {@code RESOURCE_EXHAUSTED} (Google), with
 * {@code Retry-After} until the period resets.
 *
 * <p>A budget means nothing for a model Junction cannot price, so a budgeted token is refused
 * such a model (403 {@code model_not_priced}) unless {@code prices.default} gives every unlisted
 * model a price: spending it would otherwise be free and unlimited.
 */
public final class QuotaFilter implements GatewayFilter {
    private final BudgetLedger ledger;
    private final PriceTable prices;
    private final LimitGuard guard;
    private final int reserveOutputTokens;

    public QuotaFilter(BudgetLedger ledger, PriceTable prices, LimitGuard guard, int reserveOutputTokens) {
        this.ledger = ledger;
        this.prices = prices;
        this.guard = guard;
        this.reserveOutputTokens = reserveOutputTokens;
    }

    @Override
    public void filter(Exchange exchange, Chain chain) {
        Token token = exchange.token().orElseThrow();
        if (token.limits().budgetMicros().isPresent() && exchange.endpoint().generates()) {
            String model = exchange.model().orElse("");
            if (prices.price(model).isEmpty()) {
                throw notPriced(token, model);
            }
            long estimate = prices.cost(model, RequestEstimate.of(exchange, reserveOutputTokens).asUsage());
            BudgetLedger.Reservation expected = BudgetLedger.Reservation.of(token, exchange.startedAt(), estimate,
                    exchange.requestId());
            // A reservation whose answer was lost may have been made: if it was, the request's
            // cost settles it when the request ends (or once Redis answers again).
            guard.check("budget", () -> ledger.reserve(token, exchange.startedAt(), estimate, exchange.requestId()),
                    () -> exchange.onComplete(ex -> settleIfHeld(expected, ex)))
                    .ifPresent(held -> exchange.onComplete(ex -> guard.settle("budget",
                            () -> ledger.settle(held, ex.costMicros()), () -> ledger.settleIfHeld(held, ex.costMicros()))));
        }
        chain.proceed();
    }

    private void settleIfHeld(BudgetLedger.Reservation expected, Exchange exchange) {
        long cost = exchange.costMicros();
        guard.settle("budget", () -> ledger.settleIfHeld(expected, cost), () -> ledger.settleIfHeld(expected, cost));
    }

    static GatewayException notPriced(Token token, String model) {
        return new GatewayException(GatewayError.of(GatewayError.Kind.PERMISSION_DENIED, "The model '" + model
                + "' has no price in Junction, so the token '" + token.name() + "', whose spending a budget limits, "
                + "may not use it. The operator can price it under 'prices:' (or set 'prices.default').")
                .withCode("model_not_priced"));
    }
}
