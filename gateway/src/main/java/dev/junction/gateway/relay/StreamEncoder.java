package dev.junction.gateway.relay;

import dev.junction.protocol.model.StreamEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Canonical stream events as the client's wire bytes: a fold, one instance per stream. Each
 * method returns the bytes to write now, in order.
 */
public interface StreamEncoder {
    String contentType();

    /** Bytes before the first event (a JSON array's bracket, say). */
    default List<byte[]> onStart() {
        return List.of();
    }

    List<byte[]> onEvent(StreamEvent event);

    /** The stream ended normally (after every event). */
    List<byte[]> onEnd();

    /**
     * How long the client's stream may stay silent before {@link #onKeepAlive} is written (a
     * protocol's own ping); empty for protocols without one.
     */
    default Optional<Duration> keepAlive() {
        return Optional.empty();
    }

    /** Bytes that keep a silent stream alive; empty once the stream is over. */
    default List<byte[]> onKeepAlive() {
        return List.of();
    }
}
