package dev.junction.gateway.concurrent;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs blocking work (a database query, a Redis round trip) on a virtual thread, never on an
 * event loop, and delivers its result back on the caller's event loop.
 */
public final class Blocking {
    private static final ExecutorService THREADS = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("junction-blocking-", 0).factory());

    private Blocking() {}

    /** Must be called from a Vert.x context; the returned future completes on that context. */
    public static <T> Future<T> run(Callable<T> work) {
        Context context = Vertx.currentContext();
        CompletableFuture<T> result = new CompletableFuture<>();
        THREADS.execute(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return context == null ? Future.fromCompletionStage(result)
                : Future.fromCompletionStage(result, context);
    }
}
