package dev.junction.gateway.limits;

import dev.junction.gateway.access.Token;
import dev.junction.gateway.context.Exchange;
import dev.junction.gateway.filter.GatewayFilter;
import dev.junction.protocol.model.Usage;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Optional;

/**
 * Requests per minute and tokens per minute per token, as Bucket4j token buckets that refill
 * continuously (a limit of 60 gives one request back every second, up to 60 at once).
 *
 * <p>Tokens per minute are reserved before the call, the request's estimate (capped at the
 * limit, so a large request can still pass an idle bucket), and settled when it ends: unused
 * tokens go back, tokens beyond the estimate are taken even if that puts the bucket in debt. A
 * stream therefore counts against the limit while it runs, not only after.
 *
 * <p>Every response to a token with such a limit carries OpenAI's {@code x-ratelimit-*}
 * headers; a refused request gets 429 {@code rate_limit_exceeded} and {@code Retry-After}.
 */
public final class RateLimitFilter implements GatewayFilter {
    private final BucketSource buckets;
    private final LimitGuard guard;
    private final int reserveOutputTokens;

    public RateLimitFilter(BucketSource buckets, LimitGuard guard, int reserveOutputTokens) {
        this.buckets = buckets;
        this.guard = guard;
        this.reserveOutputTokens = reserveOutputTokens;
    }

    @Override
    public void filter(Exchange exchange, Chain chain) {
        Token token = exchange.token().orElseThrow();
        Optional<Integer> rpm = token.limits().requestsPerMinute();
        Optional<Integer> tpm = token.limits().tokensPerMinute();
        if (exchange.endpoint().generates() && (rpm.isPresent() || tpm.isPresent())) {
            guard.check("rate limits", () -> {
                limit(exchange, token, rpm, tpm);
                return true;
            });
        }
        chain.proceed();
    }

    private void limit(Exchange exchange, Token token, Optional<Integer> rpm, Optional<Integer> tpm) {
        Bucket requests = null;
        if (rpm.isPresent()) {
            requests = buckets.bucket("rpm:" + token.id() + ":" + rpm.get(), perMinute(rpm.get()));
            ConsumptionProbe probe = requests.tryConsumeAndReturnRemaining(1);
            RateLimitHeaders.write(exchange.downstream(), "requests", rpm.get(), probe.getRemainingTokens());
            if (!probe.isConsumed()) {
                throw QuotaErrors.rateLimited("Rate limit reached for requests: the token '" + token.name()
                        + "' may make " + rpm.get() + " requests per minute.", wait(probe));
            }
        }
        if (tpm.isPresent()) {
            Bucket tokens = buckets.bucket("tpm:" + token.id() + ":" + tpm.get(), perMinute(tpm.get()));
            long reserved = Math.max(1, Math.min(tpm.get(), RequestEstimate.of(exchange, reserveOutputTokens)
                    .totalTokens()));
            ConsumptionProbe probe = tokens.tryConsumeAndReturnRemaining(reserved);
            RateLimitHeaders.write(exchange.downstream(), "tokens", tpm.get(), probe.getRemainingTokens());
            if (!probe.isConsumed()) {
                if (requests != null) {
                    requests.addTokens(1); // a request refused for its tokens does not count as one made
                }
                throw QuotaErrors.rateLimited("Rate limit reached for tokens: the token '" + token.name() + "' may use "
                        + tpm.get() + " tokens per minute and this request reserves " + reserved + ".", wait(probe));
            }
            exchange.onComplete(ex -> guard.settle("rate limits", () -> settle(tokens, reserved, ex)));
        }
    }

    private static void settle(Bucket tokens, long reserved, Exchange exchange) {
        long used = exchange.usage().map(RateLimitFilter::billable).orElse(0L);
        if (used > reserved) {
            tokens.consumeIgnoringRateLimits(used - reserved);
        } else if (used < reserved) {
            tokens.addTokens(reserved - used);
        }
    }

    static long billable(Usage u) {
        return (long) u.promptTokens() + u.outputTokens() + u.thoughtTokens() + u.toolPromptTokens();
    }

    private static BucketConfiguration perMinute(long limit) {
        return BucketConfiguration.builder()
                .addLimit(l -> l.capacity(limit).refillGreedy(limit, Duration.ofMinutes(1)))
                .build();
    }

    private static Duration wait(ConsumptionProbe probe) {
        return Duration.ofNanos(Math.max(probe.getNanosToWaitForRefill(), 1_000_000));
    }
}
