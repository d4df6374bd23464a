package dev.junction.gateway.limits;

import dev.junction.gateway.config.LimitSettings.RedisFailurePolicy;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 *
 * <p>A call that timed out may still reach Redis later (a network that heals delivers what it
 * held): a concurrency slot or budget reservation taken then would hold the token's limit until
 * its lease lapses. So the steps that undo or settle such calls, and settling steps that failed,
 * are kept (up to {@value #MAX_PENDING}) and run once Redis answers again, a few after each call
 * that succeeds.
 */
public final class LimitGuard {
    /** How long the breaker stays open before a call probes Redis again. */
    static final Duration OPEN_FOR = Duration.ofSeconds(1);
    /** Settling steps kept while Redis is unreachable; past this, the oldest lapse with their leases. */
    static final int MAX_PENDING = 10_000;
    /** Kept steps run after each successful call, so catching up never stalls one request long. */
    private static final int CATCH_UP_PER_CALL = 50;

    private final Optional<CircuitBreaker> breaker;
    private final RedisFailurePolicy policy;
    private final FailOpen log = new FailOpen();
    private final ConcurrentLinkedDeque<Runnable> pending = new ConcurrentLinkedDeque<>();
    private final AtomicInteger pendingCount = new AtomicInteger();

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
        return check(what, call, () -> {});
    }

    /**
     * Runs a check as {@link #check(String, Supplier)} does; when it failed after it was sent (a
     * timeout: Redis may yet carry it out), {@code ifMaybeApplied} runs first, for the caller to
     * arrange undoing it.
     */
    public <T> Optional<T> check(String what, Supplier<T> call, Runnable ifMaybeApplied) {
        try {
            return Optional.of(guarded(call));
        } catch (GatewayException e) {
            throw e;
        } catch (RuntimeException e) {
            if (!(e instanceof CallNotPermittedException)) {
                ifMaybeApplied.run();
            }
            log.report(what, e, policy == RedisFailurePolicy.ALLOW);
            if (policy == RedisFailurePolicy.DENY) {
                throw new GatewayException(GatewayError.of(GatewayError.Kind.UPSTREAM_UNAVAILABLE,
                        "Junction cannot check this token's " + what + " right now (its limit store does not answer); "
                                + "retry shortly.").withCode("limits_unavailable").withRetryAfter(OPEN_FOR));
            }
            return Optional.empty();
        }
    }

    /** Runs a settling step (a refund): a failure is logged, never thrown. */
    public void settle(String what, Runnable step) {
        settle(what, step, null);
    }

    /**
     * Runs a settling step (a release, a spend): a failure is logged, never thrown, and
     * {@code retry} is kept to run once Redis answers again. The retry must be safe whether or not
     * the failed step took effect (its answer may be what was lost).
     */
    public void settle(String what, Runnable step, Runnable retry) {
        try {
            guarded(() -> {
                step.run();
                return null;
            });
        } catch (RuntimeException e) {
            log.report(what, e, true);
            if (retry != null) {
                afterRecovery(retry);
            }
        }
    }

    /** Settling steps waiting for Redis to answer again. */
    public int pendingSteps() {
        return pendingCount.get();
    }

    /** Keeps {@code step} (safe to repeat) to run once calls to Redis succeed again. */
    void afterRecovery(Runnable step) {
        if (breaker.isEmpty()) {
            return; // in-process counters never fail; nothing would run it
        }
        pending.addLast(step);
        if (pendingCount.incrementAndGet() > MAX_PENDING && pending.pollFirst() != null) {
            pendingCount.decrementAndGet();
        }
    }

    /** Runs some kept steps now that a call succeeded; stops at the first that fails again. */
    private void catchUp(CircuitBreaker b) {
        for (int i = 0; i < CATCH_UP_PER_CALL && b.getState() == CircuitBreaker.State.CLOSED; i++) {
            Runnable step = pending.pollFirst();
            if (step == null) {
                return;
            }
            pendingCount.decrementAndGet();
            try {
                step.run();
            } catch (RuntimeException e) {
                pending.addFirst(step);
                pendingCount.incrementAndGet();
                return;
            }
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
            if (pendingCount.get() > 0) {
                catchUp(b);
            }
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
