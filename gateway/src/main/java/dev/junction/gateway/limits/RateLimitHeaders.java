package dev.junction.gateway.limits;

import dev.junction.gateway.context.Downstream;
import java.time.Duration;

/**
 * OpenAI's rate-limit headers, which OpenAI clients read to pace themselves:
 * {@code x-ratelimit-limit-requests}, {@code x-ratelimit-remaining-requests},
 * {@code x-ratelimit-reset-requests} (time until the bucket is full again, written as OpenAI
 * writes it: {@code 1s}, {@code 6m0s}, {@code 250ms}) and the {@code -tokens} variants.
 */
final class RateLimitHeaders {
    private RateLimitHeaders() {}

    static void write(Downstream downstream, String kind, long limit, long remaining) {
        long clamped = Math.max(0, Math.min(limit, remaining));
        downstream.header("x-ratelimit-limit-" + kind, Long.toString(limit));
        downstream.header("x-ratelimit-remaining-" + kind, Long.toString(clamped));
        downstream.header("x-ratelimit-reset-" + kind, format(untilFull(limit, remaining)));
    }

    /** A bucket of {@code limit} per minute refills one unit every minute/limit. */
    static Duration untilFull(long limit, long remaining) {
        long missing = Math.max(0, limit - remaining);
        return Duration.ofNanos(missing * (60_000_000_000L / Math.max(1, limit)));
    }

    static String format(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        long minutes = millis / 60_000;
        double seconds = (millis % 60_000) / 1000.0;
        String s = seconds == Math.floor(seconds) ? Long.toString((long) seconds) : String.format(
                java.util.Locale.ROOT, "%.3f", seconds).replaceAll("0+$", "");
        return minutes > 0 ? minutes + "m" + s + "s" : s + "s";
    }
}
