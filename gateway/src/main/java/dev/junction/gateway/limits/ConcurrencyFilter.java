package dev.junction.gateway.limits;

import dev.junction.gateway.access.Token;
import dev.junction.gateway.context.Exchange;
import dev.junction.gateway.filter.GatewayFilter;
import java.time.Duration;
import java.util.Optional;

/**
 * Requests in flight per token. The one over the limit is refused at once with 429: a queue
 * would only grow while the token's client keeps sending.
 */
public final class ConcurrencyFilter implements GatewayFilter {
    private final ConcurrencyLimiter limiter;
    private final LimitGuard guard;

    public ConcurrencyFilter(ConcurrencyLimiter limiter, LimitGuard guard) {
        this.limiter = limiter;
        this.guard = guard;
    }

    @Override
    public void filter(Exchange exchange, Chain chain) {
        Token token = exchange.token().orElseThrow();
        Optional<Integer> limit = token.limits().maxConcurrent();
        if (limit.isPresent() && exchange.endpoint().generates()) {
            String requestId = exchange.requestId();
            Runnable forget = () -> limiter.forget(token.id(), requestId);
            // A lost answer may still have taken a slot: it is freed once Redis answers again.
            Optional<ConcurrencyLimiter.Lease> lease = guard.check("concurrency limit",
                    () -> limiter.tryAcquire(token.id(), limit.get(), requestId), () -> guard.afterRecovery(forget))
                    .orElseGet(() -> Optional.of(() -> {})); // not counted: nothing to release
            if (lease.isEmpty()) {
                throw QuotaErrors.rateLimited("Too many requests in flight: the token '" + token.name() + "' may have "
                        + limit.get() + " at once. Retry when one has finished.", Duration.ofSeconds(1));
            }
            ConcurrencyLimiter.Lease held = lease.get();
            exchange.onComplete(ex -> guard.settle("concurrency limit", held::release, forget));
        }
        chain.proceed();
    }
}
