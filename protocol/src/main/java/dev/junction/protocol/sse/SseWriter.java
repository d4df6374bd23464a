package dev.junction.protocol.sse;

import java.nio.charset.StandardCharsets;

/** Frames one event's data for the wire. */
public final class SseWriter {
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);

    /** The two framings seen in practice: OpenAI ends events with LF LF, Google with CRLF CRLF. */
    public enum Framing {
        LF("\n\n"),
        CRLF("\r\n\r\n");

        private final byte[] terminator;

        Framing(String terminator) {
            this.terminator = terminator.getBytes(StandardCharsets.US_ASCII);
        }
    }

    private SseWriter() {}

    /** {@code data: <json>} and the terminator; {@code json} must be one line. */
    public static byte[] frame(byte[] json, Framing framing) {
        byte[] out = new byte[DATA.length + json.length + framing.terminator.length];
        System.arraycopy(DATA, 0, out, 0, DATA.length);
        System.arraycopy(json, 0, out, DATA.length, json.length);
        System.arraycopy(framing.terminator, 0, out, DATA.length + json.length, framing.terminator.length);
        return out;
    }

    public static byte[] frame(String json, Framing framing) {
        return frame(json.getBytes(StandardCharsets.UTF_8), framing);
    }
}
