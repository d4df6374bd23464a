package dev.junction.gateway.edge;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Whether this instance can serve, as named checks that {@code /readyz} lists: each answers at
 * once from state in memory (never a database or network round trip, so a database blip does
 * not take every instance out of its load balancer at the same moment). The instance is ready
 * when every check passes and it is not draining; once a stop begins it is draining for good.
 */
public final class Readiness {
    /** A check's verdict: {@code detail} says what was seen, for the operator reading {@code /readyz}. */
    public record Result(boolean ok, String detail) {
        public static Result ok(String detail) {
            return new Result(true, detail);
        }

        public static Result failing(String detail) {
            return new Result(false, detail);
        }
    }

    /** The verdict of every check, in registration order. */
    public record Report(boolean draining, Map<String, Result> checks) {
        public boolean ready() {
            return !draining && checks.values().stream().allMatch(Result::ok);
        }

        public String status() {
            return draining ? "draining" : ready() ? "ready" : "not ready";
        }
    }

    private final Map<String, Supplier<Result>> checks = new LinkedHashMap<>();
    private volatile boolean draining;

    /**
     * Adds a check (or replaces the one of that name). It runs on an event loop each time
     * {@code /readyz} is asked, so it must not block; one that throws counts as failing.
     */
    public synchronized void register(String name, Supplier<Result> check) {
        checks.put(name, check);
    }

    /** From now on the instance reports {@code draining} (a stop has begun). */
    public void drain() {
        draining = true;
    }

    public boolean draining() {
        return draining;
    }

    public synchronized Report report() {
        Map<String, Result> results = new LinkedHashMap<>();
        checks.forEach((name, check) -> {
            Result result;
            try {
                result = check.get();
            } catch (RuntimeException e) {
                result = Result.failing("the check failed: " + e.getMessage());
            }
            results.put(name, result);
        });
        return new Report(draining, results);
    }
}
