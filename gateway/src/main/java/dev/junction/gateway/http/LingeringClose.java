package dev.junction.gateway.http;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;

/**
 * Closes a connection whose request was answered before its body was read, the way a careful
 * server does: it reads and drops what the client is still sending (up to {@value #MAX_DISCARD}
 * bytes, for at most {@value #MAX_LINGER_MS} ms) before closing. Closing at once resets the
 * connection while the client is still writing, and a client that sees the reset before it has
 * read the answer loses the answer: a 413 becomes "connection reset".
 */
public final class LingeringClose {
    static final long MAX_DISCARD = 8L * 1024 * 1024;
    static final long MAX_LINGER_MS = 1_000;

    private LingeringClose() {
    }

    /** Once {@code answered} completes, drains what is left of the request's body, then closes. */
    public static void after(HttpServerRequest req, Future<Void> answered) {
        Context context = Vertx.currentContext();
        answered.onComplete(v -> {
            if (req.isEnded() || context == null) {
                req.connection().close();
                return;
            }
            long[] dropped = {0};
            long timer = context.owner().setTimer(MAX_LINGER_MS, t -> req.connection().close());
            Runnable close = () -> {
                context.owner().cancelTimer(timer);
                req.connection().close();
            };
            req.handler(chunk -> {
                dropped[0] += chunk.length();
                if (dropped[0] > MAX_DISCARD) {
                    close.run();
                }
            });
            req.exceptionHandler(e -> close.run());
            req.endHandler(end -> close.run());
            req.resume();
        });
    }
}
