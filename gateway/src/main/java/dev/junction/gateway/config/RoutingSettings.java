package dev.junction.gateway.config;

import java.time.Duration;

/**
 * How a request finds an upstream that answers.
 *
 * @param maxAttempts how many upstream calls one request may make (other keys and upstreams included)
 * @param deadline no new attempt starts this long after the request arrived
 * @param failureStreak this many failures in a row put an upstream in cooldown
 * @param cooldown how long an upstream cools down after a failure streak (a {@code Retry-After}
 *     from the vendor wins when it sends one), before one probe request may bring it back
 */
public record RoutingSettings(int maxAttempts, Duration deadline, int failureStreak, Duration cooldown) {
    public static final RoutingSettings DEFAULTS = new RoutingSettings(3, Duration.ofSeconds(60), 5,
            Duration.ofSeconds(30));
}
