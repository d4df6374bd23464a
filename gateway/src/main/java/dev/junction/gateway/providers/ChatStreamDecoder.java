package dev.junction.gateway.providers;

import dev.junction.protocol.model.StreamEvent;
import dev.junction.protocol.sse.SseEvent;
import java.util.List;

/**
 * A vendor's streamed answer read as canonical events: a fold, one instance per stream, state
 * in its own fields. Never throws on garbage: it reports a {@link StreamEvent.Failed} instead.
 */
public interface ChatStreamDecoder {
    List<StreamEvent> onEvent(SseEvent event);

    /** The vendor closed the stream. */
    List<StreamEvent> onEnd();
}
