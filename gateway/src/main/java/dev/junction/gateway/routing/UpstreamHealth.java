package dev.junction.gateway.routing;

import dev.junction.gateway.config.RoutingSettings;
import dev.junction.protocol.model.GatewayError;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether one upstream is fit to be tried, kept by a Resilience4j circuit breaker: a streak of
 * failures that are the upstream's own (no answer, 5xx, timeouts) opens it for the cooldown (or
 * as long as the vendor's {@code Retry-After} says); once that has passed, one probe request is
 * let through (half-open), and its outcome closes or reopens it. Answers about the request or
 * the key (4xx, 429) say the upstream is up. Its key ring keeps the health of each key.
 */
public final class UpstreamHealth {
    /** A failure as the operator's view shows it. */
    public record RecentError(Instant at, String kind, String message) {}

    /** The states an operator sees. */
    public enum State {
        /** Serving. */
        HEALTHY,
        /** Cooling down after failures: not tried until {@link #cooldownUntil}. */
        COOLING_DOWN,
        /** The cooldown has passed: the next request is the probe. */
        PROBING
    }

    private static final int RECENT = 10;

    private final CircuitBreaker breaker;
    private final Clock clock;
    private final Duration cooldown;
    private final Deque<RecentError> recent = new ArrayDeque<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile Instant cooldownUntil = Instant.MIN;

    public UpstreamHealth(String upstream, RoutingSettings settings, Clock clock) {
        this.clock = clock;
        this.cooldown = settings.cooldown();
        int streak = Math.max(1, settings.failureStreak());
        this.breaker = CircuitBreaker.of(upstream, CircuitBreakerConfig.custom()
                .slidingWindow(streak, streak, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(100) // every call of the window failed: a streak
                .waitDurationInOpenState(settings.cooldown())
                .permittedNumberOfCallsInHalfOpenState(1)
                .maxWaitDurationInHalfOpenState(settings.cooldown()) // a probe that never reported
                .recordExceptions(Throwable.class)
                .clock(clock)
                .build());
        breaker.getEventPublisher().onStateTransition(event -> {
            if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                Instant until = clock.instant().plus(cooldown);
                if (until.isAfter(cooldownUntil)) {
                    cooldownUntil = until;
                }
            }
        });
    }

    /**
     * Whether a request may try this upstream now. When it is cooling down and its time has come,
     * this request becomes the probe.
     */
    public boolean admits() {
        if (breaker.getState() == CircuitBreaker.State.CLOSED) {
            return true;
        }
        return breaker.tryAcquirePermission();
    }

    public void started() {
        inFlight.incrementAndGet();
    }

    public void ended() {
        inFlight.decrementAndGet();
    }

    public int inFlight() {
        return Math.max(0, inFlight.get());
    }

    /** The upstream accepted a call, or answered about the request or the key: it is up. */
    public void answered() {
        breaker.onSuccess(0, TimeUnit.NANOSECONDS);
    }

    /** A call failed; an upstream fault counts towards a streak, a hint of the vendor's sets the cooldown. */
    public void failed(GatewayError error) {
        remember(error);
        if (!upstreamFault(error)) {
            answered();
            return;
        }
        breaker.onError(0, TimeUnit.NANOSECONDS, new IllegalStateException(error.kind().name()));
        Optional<Duration> hint = error.retryAfter();
        if (hint.isPresent() && breaker.getState() == CircuitBreaker.State.OPEN) {
            Instant until = clock.instant().plus(hint.get());
            breaker.transitionToOpenStateUntil(until);
            cooldownUntil = until;
        }
    }

    static boolean upstreamFault(GatewayError error) {
        return switch (error.kind()) {
            case UPSTREAM_UNAVAILABLE, UPSTREAM_ERROR, UPSTREAM_TIMEOUT -> true;
            default -> false;
        };
    }

    private void remember(GatewayError error) {
        synchronized (recent) {
            if (recent.size() == RECENT) {
                recent.removeFirst();
            }
            recent.addLast(new RecentError(clock.instant(), error.kind().name().toLowerCase(java.util.Locale.ROOT),
                    error.message().length() > 300 ? error.message().substring(0, 300) + "..." : error.message()));
        }
    }

    /** Back to healthy now (an operator's reset). */
    public void reset() {
        breaker.reset();
        cooldownUntil = Instant.MIN;
    }

    public State state() {
        return switch (breaker.getState()) {
            case CLOSED, DISABLED, METRICS_ONLY -> State.HEALTHY;
            case HALF_OPEN -> State.PROBING;
            default -> clock.instant().isBefore(cooldownUntil) ? State.COOLING_DOWN : State.PROBING;
        };
    }

    /** When the cooldown ends (or ended); {@link Instant#MIN} if it never cooled down. */
    public Instant cooldownUntil() {
        return cooldownUntil;
    }

    /** The latest failures, oldest first (at most ten). */
    public List<RecentError> recentErrors() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }
}
