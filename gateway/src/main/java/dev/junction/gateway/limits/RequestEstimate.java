package dev.junction.gateway.limits;

import dev.junction.gateway.context.Exchange;
import dev.junction.gateway.usage.UsageEstimator;
import dev.junction.protocol.model.Usage;

/**
 * What a request may use, guessed before it is sent: its prompt (from the body's text) and its
 * output, taken as the request's own limit ({@code max_tokens}, {@code maxOutputTokens}...) as
 * it is, or {@code limits.reserve_output_tokens} (what the model may produce unasked) when it
 * sets none (nothing for an answer that is not generated, such as embeddings). Never capped: a request that may produce 60,000 tokens reserves 60,000, so a
 * budget cannot be overrun by more than the one request admitted last. Computed once per
 * request and shared by the limit filters.
 */
public record RequestEstimate(int promptTokens, int outputTokens) {
    public static RequestEstimate of(Exchange exchange, int defaultOutputTokens) {
        return exchange.attribute(RequestEstimate.class).orElseGet(() -> {
            UsageEstimator.RequestSize size = UsageEstimator.request(exchange.body());
            int output = !exchange.endpoint().answersWithOutput() ? 0 // embeddings cost input tokens only
                    : size.maxOutputTokens().orElse(defaultOutputTokens);
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
        return new Usage(promptTokens, 0, 0, outputTokens, 0, (int) Math.min(Integer.MAX_VALUE, totalTokens()));
    }
}
