package dev.junction.gateway.relay;

import dev.junction.protocol.model.StreamEvent;
import java.util.List;

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
}
