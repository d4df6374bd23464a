package dev.junction.mock.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A {@link MockReply} with its wire bytes. A reply kept by {@link ReplyCache} serializes its body
 * or its events once, however often it is sent; a one-off reply serializes each as it goes out.
 * The replies are immutable once planned, so the bytes may be built by any event loop (two that
 * race build the same bytes).
 */
final class PlannedReply {
    final MockReply reply;
    private final boolean retain;
    private volatile byte[] body;
    private volatile byte[][] sse;
    private volatile byte[][] array;

    private PlannedReply(MockReply reply, boolean retain) {
        this.reply = reply;
        this.retain = retain;
    }

    /** A reply sent once: nothing is kept. */
    static PlannedReply once(MockReply reply) {
        return new PlannedReply(reply, false);
    }

    /** A reply that may be sent again: its bytes are kept as they are made. */
    static PlannedReply kept(MockReply reply) {
        return new PlannedReply(reply, true);
    }

    /** The body of a {@link MockReply.Json}: pretty-printed as Google does. */
    byte[] jsonBody() {
        byte[] bytes = body;
        if (bytes == null) {
            bytes = GoogleJson.pretty(((MockReply.Json) reply).body());
            if (retain) {
                body = bytes;
            }
        }
        return bytes;
    }

    /** The bytes of event {@code index} of a {@link MockReply.Stream}, framed as asked. */
    byte[] event(StreamFraming framing, int index) {
        List<JsonNode> events = ((MockReply.Stream) reply).events();
        if (!retain) {
            return framing.event(events.get(index), index);
        }
        byte[][] all = framing == StreamFraming.SSE ? sse : array;
        if (all == null) {
            all = new byte[events.size()][];
            if (framing == StreamFraming.SSE) {
                sse = all;
            } else {
                array = all;
            }
        }
        byte[] bytes = all[index];
        if (bytes == null) {
            bytes = framing.event(events.get(index), index);
            all[index] = bytes;
        }
        return bytes;
    }
}
