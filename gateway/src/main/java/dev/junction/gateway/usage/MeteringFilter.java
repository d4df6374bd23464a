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
 * none, an estimate from the request and response sizes, marked as such. A client that left
 * while an upstream had its request (before or during the answer) is billed the same way: the
 * upstream read the prompt and may have generated, and charges the operator for it, so the
 * request is never free. The cost goes on the exchange for the usage record and for the limit
 * filters (a budget reservation settles with it).
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
        if (usage.isEmpty() && (answered(exchange) || abandoned(exchange))) {
            Usage estimate = estimate(exchange);
            exchange.usage(estimate, true);
            usage = Optional.of(estimate);
        }
        usage.ifPresent(u -> exchange.costMicros(prices.cost(pricedModel(exchange), u)));
    }

    /**
     * The model whose price applies: the one sent upstream, or, when only the client's name for
     * it is priced (a route renamed it), the client's, so a rename never makes a request free.
     */
    private String pricedModel(Exchange exchange) {
        Optional<String> upstream = exchange.upstreamModel();
        if (upstream.isPresent() && prices.price(upstream.get()).isPresent()) {
            return upstream.get();
        }
        return exchange.model().filter(m -> prices.price(m).isPresent()).or(() -> upstream).orElse("");
    }

    /** Whether the upstream produced something the client received (so it will bill for it). */
    private static boolean answered(Exchange exchange) {
        return exchange.upstreamName().isPresent() && exchange.status() / 100 == 2 && exchange.responseBytes() > 0;
    }

    /** Whether the client left while an upstream had the request. */
    private static boolean abandoned(Exchange exchange) {
        return exchange.clientGone() && exchange.upstreamHasIt();
    }

    static Usage estimate(Exchange exchange) {
        int prompt = UsageEstimator.request(exchange.body()).promptTokens();
        int output = exchange.endpoint().answersWithOutput() ? UsageEstimator.output(exchange.responseBytes()) : 0;
        return new Usage(prompt, 0, 0, output, 0, prompt + output);
    }
}
