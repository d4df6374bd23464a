package dev.junction.protocol.sse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * One Server-Sent Event: its {@code data} lines joined by LF, as bytes (UTF-8 on the wire), so a
 * JSON parser can read them without a String copy.
 *
 * @param type the {@code event:} field; {@code "message"} when absent
 * @param id the {@code id:} field, when present
 */
public record SseEvent(String type, byte[] data, Optional<String> id) {

    public static SseEvent data(String data) {
        return new SseEvent("message", data.getBytes(StandardCharsets.UTF_8), Optional.empty());
    }

    public String dataString() {
        return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SseEvent e && type.equals(e.type) && Arrays.equals(data, e.data) && id.equals(e.id);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * type.hashCode() + Arrays.hashCode(data)) + id.hashCode();
    }

    @Override
    public String toString() {
        return "SseEvent[type=" + type + ", id=" + id.orElse("") + ", data=" + dataString() + "]";
    }
}
