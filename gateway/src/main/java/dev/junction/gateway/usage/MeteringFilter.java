package dev.junction.gateway.usage;

import dev.junction.gateway.context.Exchange;
import dev.junction.gateway.filter.GatewayFilter;
import dev.junction.gateway.pricing.PriceTable;
import dev.junction.protocol.model.Usage;
import java.util.Optional;

/**
 * Settles what a generating request used and cost, once it is over: the upstream's own usage
 * (for a stream, the last cumulative {@code usageMetadata} relayed, which for a client that went
 * away is what the upstream produced until then), or, when the upstream answered but reported
 * none, an estimate from the request and response sizes, marked as such. The cost goes on the
 * exchange for the limit filters after it and for the usage record.
 *
 * <p>It must come before the limit filters in the chain: completion actions run in the order
 * they were registered, and theirs settle with what this one computes.
 */
public final class MeteringFilter implements GatewayFilter {
    private final PriceTable prices;

    public MeteringFilter(PriceTable prices) {
        this.prices = prices;
    }

    @Override
    public void filter(Exchange exchange, Chain chain) {
        if (exchange.endpoint().generates()) {
            exchange.onComplete(this::settle);
        }
        chain.proceed();
    }

    void settle(Exchange exchange) {
        Optional<Usage> usage = exchange.usage();
        if (usage.isEmpty() && answered(exchange)) {
            Usage estimate = estimate(exchange);
            exchange.usage(estimate, true);
            usage = Optional.of(estimate);
        }
        usage.ifPresent(u -> exchange.costMicros(prices.cost(exchange.upstreamModel().orElse(""), u)));
    }

    /** Whether the upstream produced something the client received (so it will bill for it). */
    private static boolean answered(Exchange exchange) {
        return exchange.upstreamName().isPresent() && exchange.status() / 100 == 2 && exchange.responseBytes() > 0;
    }

    static Usage estimate(Exchange exchange) {
        int prompt = UsageEstimator.request(exchange.body()).promptTokens();
        int output = exchange.endpoint().answersWithOutput() ? UsageEstimator.output(exchange.responseBytes()) : 0;
        return new Usage(prompt, 0, 0, output, 0, prompt + output);
    }
}
