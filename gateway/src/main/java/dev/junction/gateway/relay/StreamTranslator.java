package dev.junction.gateway.relay;

import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.sse.SseEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Turns an upstream event stream into the bytes the client gets: a fold, one instance per
 * stream, state in its own fields. Each method returns the bytes to write now, in order.
 */
public interface StreamTranslator {
    /** The content type of the client's stream. */
    String contentType();

    /** Bytes to send before the first event (a JSON array's opening bracket, say). */
    default List<byte[]> onStart() {
        return List.of();
    }

    List<byte[]> onEvent(SseEvent event);

    /** True once the translator has ended the client's stream (after an error event, say). */
    default boolean done() {
        return false;
    }

    /** The upstream ended the stream normally. */
    List<byte[]> onEnd();

    /** The upstream failed mid-stream; the returned bytes tell the client, then the stream ends. */
    List<byte[]> onFailure(GatewayError error);

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
