package dev.junction.gateway.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Sends bytes no well-behaved client would (a request line with invalid percent escapes, raw
 * control characters) over one fresh connection, and reads what comes back until the server
 * closes it. The request should say {@code Connection: close}.
 */
public final class RawExchange {
    /**
     * What came back: the status is 0 when the server closed the connection without answering.
     *
     * @param body the body, de-chunked
     */
    public record Answer(int status, String head, String body) {}

    private RawExchange() {}

    public static Answer send(int port, byte[] request, Duration timeout) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // the server may refuse before reading everything: read what it said
            }
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    received.write(buffer, 0, n);
                }
            } catch (java.net.SocketException e) {
                // a reset after the answer: keep what arrived
            }
            return parse(received.toString(StandardCharsets.ISO_8859_1));
        }
    }

    private static Answer parse(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.") || end < 0) {
            return new Answer(0, text, "");
        }
        String head = text.substring(0, end);
        int status = Integer.parseInt(head.substring(9, 12));
        String raw = text.substring(end + 4);
        String body = head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked") ? dechunk(raw) : raw;
        return new Answer(status, head, new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    private static String dechunk(String raw) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < raw.length()) {
            int line = raw.indexOf("\r\n", at);
            if (line < 0) {
                break;
            }
            int size = Integer.parseInt(raw.substring(at, line).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            body.append(raw, line + 2, Math.min(raw.length(), line + 2 + size));
            at = line + 2 + size + 2;
        }
        return body.toString();
    }
}
