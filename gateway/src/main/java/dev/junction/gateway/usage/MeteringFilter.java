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
 * exchange for the usage record and for the limit filters, which settle with it.
 *
 * <p>It settles just before the usage record is made ({@link Exchange#beforeRecord}: before the
 * answer's last bytes go out), which is before every completion action, so the limits' settling
 * sees the cost wherever this filter stands in the chain.
 */
public final class MeteringFilter implements GatewayFilter {
    private final PriceTable prices;

    public MeteringFilter(PriceTable prices) {
        this.prices = prices;
    }

    @Override
    public void filter(Exchange exchange, Chain chain) {
        if (exchange.endpoint().generates()) {
            exchange.beforeRecord(this::settle);
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
        int output = UsageEstimator.output(exchange.responseBytes());
        return new Usage(prompt, 0, 0, output, 0, prompt + output);
    }
}
