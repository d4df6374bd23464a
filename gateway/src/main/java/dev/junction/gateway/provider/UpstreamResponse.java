package dev.junction.gateway.provider;

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

    /** Delivers the body chunk by chunk as it arrives, then {@code end} or {@code failure}. */
    void stream(Handler<Buffer> chunk, Handler<Void> end, Handler<Throwable> failure);

    /** Stops delivering chunks until {@link #resume()} (the client reads slowly). */
    void pause();

    void resume();

    /** Aborts the request: the upstream connection is closed, not reused. */
    void cancel();
}
