package dev.junction.gateway.limits;

import dev.junction.gateway.config.LimitSettings.RedisFailurePolicy;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Every call a limit filter makes to where limits are counted passes here. Counters in this
 * process cannot fail, so their guard only runs the call. Counters in Redis can: each call is
 * bounded by {@code limits.redis_timeout} (set on the client), and a Resilience4j circuit
 * breaker stops calling a Redis that keeps failing, so while it is down a request spends no time
 * on its limits at all. Once the breaker has been open for {@link #OPEN_FOR}, one call probes
 * Redis; when it answers, limits hold again.
 *
 * <p>A check that could not be made follows {@code limits.on_redis_failure}: {@code allow} serves
 * the request without that limit, {@code deny} refuses it with 503. Either way the log says so
 * at most every ten seconds ({@link FailOpen}), never once per request. A refusal the counters
 * themselves give (a spent budget, a full bucket) is an answer, not a failure.
 */
public final class LimitGuard {
    /** How long the breaker stays open before a call probes Redis again. */
    static final Duration OPEN_FOR = Duration.ofSeconds(1);

    private final Optional<CircuitBreaker> breaker;
    private final RedisFailurePolicy policy;
    private final FailOpen log = new FailOpen();

    private LimitGuard(Optional<CircuitBreaker> breaker, RedisFailurePolicy policy) {
        this.breaker = breaker;
        this.policy = policy;
    }

    /** For counters in this process: calls run as they are. */
    public static LimitGuard inProcess() {
        return new LimitGuard(Optional.empty(), RedisFailurePolicy.ALLOW);
    }

    /** For counters in Redis, shared by every limit (they share one Redis). */
    public static LimitGuard shared(RedisFailurePolicy policy) {
        return new LimitGuard(Optional.of(CircuitBreaker.of("redis-limits", CircuitBreakerConfig.custom()
                .slidingWindow(5, 3, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(50)
                .waitDurationInOpenState(OPEN_FOR)
                .permittedNumberOfCallsInHalfOpenState(1)
                .maxWaitDurationInHalfOpenState(OPEN_FOR)
                .ignoreExceptions(GatewayException.class)
                .build())), policy);
    }

    /**
     * Runs a check ({@code what} names it for the log).
     *
     * @return its result; empty when it could not be made and the policy lets the request through
     * @throws GatewayException what the check itself refused, or {@code UPSTREAM_UNAVAILABLE} (503)
     *     when it could not be made and the policy denies
     */
    public <T> Optional<T> check(String what, Supplier<T> call) {
        try {
            return Optional.of(guarded(call));
        } catch (GatewayException e) {
            throw e;
        } catch (RuntimeException e) {
            log.report(what, e, policy == RedisFailurePolicy.ALLOW);
            if (policy == RedisFailurePolicy.DENY) {
                throw new GatewayException(GatewayError.of(GatewayError.Kind.UPSTREAM_UNAVAILABLE,
                        "Junction cannot check this token's " + what + " right now (its limit store does not answer); "
                                + "retry shortly.").withCode("limits_unavailable").withRetryAfter(OPEN_FOR));
            }
            return Optional.empty();
        }
    }

    /** Runs a settling step (a release, a refund): a failure is logged, never thrown. */
    public void settle(String what, Runnable call) {
        try {
            guarded(() -> {
                call.run();
                return null;
            });
        } catch (RuntimeException e) {
            log.report(what, e, true);
        }
    }

    /** Whether calls go through now (false while the breaker is open). */
    public boolean closed() {
        return breaker.map(b -> b.getState() == CircuitBreaker.State.CLOSED).orElse(true);
    }

    private <T> T guarded(Supplier<T> call) {
        if (breaker.isEmpty()) {
            return call.get();
        }
        CircuitBreaker b = breaker.get();
        b.acquirePermission(); // throws CallNotPermittedException at once while open
        long start = System.nanoTime();
        try {
            T result = call.get();
            b.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return result;
        } catch (GatewayException e) {
            b.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            throw e;
        } catch (RuntimeException e) {
            b.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            throw e;
        }
    }
}
