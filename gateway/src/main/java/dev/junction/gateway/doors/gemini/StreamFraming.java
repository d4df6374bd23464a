package dev.junction.gateway.doors.gemini;

import dev.junction.protocol.sse.SseWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How the chunks of a Gemini stream reach the client, in the two framings Google serves: with
 * {@code alt=sse}, each chunk is {@code data: <json>\r\n\r\n} and the stream ends by closing;
 * without it, the chunks are the elements of one JSON array flushed as they come, a failure
 * being its last element. One instance per stream.
 */
final class StreamFraming {
    private static final byte[] OPEN = "[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEPARATOR = ",\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "]".getBytes(StandardCharsets.US_ASCII);

    private final boolean sse;
    private boolean first = true;
    private boolean closed;

    /** @param sse whether the client asked for {@code alt=sse} */
    StreamFraming(boolean sse) {
        this.sse = sse;
    }

    String contentType() {
        return sse ? "text/event-stream" : "application/json";
    }

    /** What goes before the first chunk. */
    List<byte[]> open() {
        return sse ? List.of() : List.of(OPEN);
    }

    /** One chunk; {@code last} closes the stream after it (a failure). */
    List<byte[]> chunk(byte[] json, boolean last) {
        if (closed) {
            return List.of();
        }
        if (sse) {
            closed = last;
            return List.of(SseWriter.frame(json, SseWriter.Framing.CRLF));
        }
        byte[] lead = first ? new byte[0] : SEPARATOR;
        first = false;
        if (last) {
            closed = true;
            return List.of(lead, json, CLOSE);
        }
        return List.of(lead, json);
    }

    /** The stream ended normally. */
    List<byte[]> close() {
        if (closed) {
            return List.of();
        }
        closed = true;
        return sse ? List.of() : List.of(CLOSE);
    }
}
