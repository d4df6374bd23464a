package dev.junction.gateway.limits;

import dev.junction.gateway.context.Exchange;
import dev.junction.gateway.usage.UsageEstimator;
import dev.junction.protocol.model.Usage;

/**
 * What a request may use, guessed before it is sent: its prompt (from the body's text) and its
 * output, taken as the request's own limit capped at the configured reserve, or the reserve
 * when it sets none. Computed once per request and shared by the limit filters.
 */
public record RequestEstimate(int promptTokens, int outputTokens) {
    public static RequestEstimate of(Exchange exchange, int reserveOutputTokens) {
        return exchange.attribute(RequestEstimate.class).orElseGet(() -> {
            UsageEstimator.RequestSize size = UsageEstimator.request(exchange.body());
            int output = size.maxOutputTokens().map(n -> Math.min(n, reserveOutputTokens)).orElse(reserveOutputTokens);
            RequestEstimate estimate = new RequestEstimate(size.promptTokens(), output);
            exchange.attribute(RequestEstimate.class, estimate);
            return estimate;
        });
    }

    public long totalTokens() {
        return (long) promptTokens + outputTokens;
    }

    /** The estimate as usage, for pricing. */
    public Usage asUsage() {
        return new Usage(promptTokens, 0, 0, outputTokens, 0, promptTokens + outputTokens);
    }
}
