package dev.junction.gateway.providers;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import java.util.Optional;

/**
 * An upstream's answer, its body not yet read. Read it whole with {@link #readAll} or as it
 * arrives with {@link #stream}; {@link #cancel} aborts the upstream request.
 */
public interface UpstreamResponse {
    int status();

    Optional<String> header(String name);

    /** The whole body; fails past {@code limit} bytes. */
    Future<byte[]> readAll(int limit);

    /**
     * The whole body without copying it, its bytes counted against {@code budget} as they
     * arrive: fails past {@code limit} bytes or when the budget has no room (the request is
     * aborted, and what it held is given back). On success the caller owns the bytes held and
     * must {@link ResponseBudget#release} them once done with the body.
     */
    Future<Buffer> readBuffer(int limit, ResponseBudget budget);

    /** Delivers the body chunk by chunk as it arrives, then {@code end} or {@code failure}. */
    void stream(Handler<Buffer> chunk, Handler<Void> end, Handler<Throwable> failure);

    /** Stops delivering chunks until {@link #resume()} (the client reads slowly). */
    void pause();

    void resume();

    /** Aborts the request: the upstream connection is closed, not reused. */
    void cancel();
}
