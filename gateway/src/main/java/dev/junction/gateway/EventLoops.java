package dev.junction.gateway;

import io.vertx.core.VertxOptions;

/**
 * How many event loops Junction runs: one per core it may use (a gateway pinned to one core with
 * {@code taskset} gets one), on Netty's native epoll transport where available.
 */
final class EventLoops {
    private EventLoops() {}

    static int count() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    static VertxOptions options() {
        return new VertxOptions()
                .setEventLoopPoolSize(count())
                .setPreferNativeTransport(true)
                .setWorkerPoolSize(Math.max(4, count() * 2));
    }
}
