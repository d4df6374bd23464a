package dev.junction.mock.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.sse.SseWriter;
import java.nio.charset.StandardCharsets;

/**
 * The two ways Google frames {@code streamGenerateContent} (PROTOCOLS §1.5): with {@code ?alt=sse}
 * every event is {@code data: <one-line JSON>\r\n\r\n}; without it the body is one JSON array whose
 * pretty-printed elements are written as they are produced, {@code [} + elements joined by
 * {@code ,\r\n} + {@code ]}.
 */
enum StreamFraming {
    SSE("text/event-stream"),
    JSON_ARRAY("application/json; charset=UTF-8");

    private static final byte[] OPEN = {'['};
    private static final byte[] SEPARATOR = ",\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = {']'};

    final String contentType;

    StreamFraming(String contentType) {
        this.contentType = contentType;
    }

    /** The bytes of event number {@code index} (0-based). */
    byte[] event(JsonNode event, int index) {
        return switch (this) {
            case SSE -> SseWriter.frame(GoogleJson.event(event), SseWriter.Framing.CRLF);
            case JSON_ARRAY -> concat(index == 0 ? OPEN : SEPARATOR, GoogleJson.prettyElement(event));
        };
    }

    /** An error object sent after {@code index} events, as the stream's last word. */
    byte[] error(JsonNode error, int index) {
        ObjectNode wrapper = JsonNodeFactory.instance.objectNode();
        wrapper.set("error", error);
        return event(wrapper, index);
    }

    /** A payload that is not JSON, where event number {@code index} would go. */
    byte[] garbage(String payload, int index) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return switch (this) {
            case SSE -> SseWriter.frame(bytes, SseWriter.Framing.CRLF);
            case JSON_ARRAY -> concat(index == 0 ? OPEN : SEPARATOR, bytes);
        };
    }

    /** What ends a clean stream after {@code count} events. */
    byte[] end(int count) {
        return switch (this) {
            case SSE -> new byte[0];
            case JSON_ARRAY -> count == 0 ? concat(OPEN, CLOSE) : CLOSE;
        };
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
