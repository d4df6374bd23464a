package dev.junction.mock.gemini;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A bare HTTP/1.1 exchange over a socket with a read timeout, for the hostile behaviours a real
 * client would hide: what exactly arrived before a stall, a reset or an unterminated chunked body.
 */
final class RawHttp {
    /** What came back: the raw bytes, and how the read ended. */
    record Outcome(String raw, boolean timedOut, boolean eof, boolean error) {
        boolean endsChunkedBody() {
            return raw.endsWith("\r\n0\r\n\r\n");
        }
    }

    private RawHttp() {}

    static Outcome post(int port, String path, String json, int readTimeoutMillis) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nx-goog-api-key: mock-key-1\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(readTimeoutMillis);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    received.write(buffer, 0, n);
                }
                return new Outcome(received.toString(StandardCharsets.UTF_8), false, true, false);
            } catch (SocketTimeoutException e) {
                return new Outcome(received.toString(StandardCharsets.UTF_8), true, false, false);
            } catch (IOException e) {
                return new Outcome(received.toString(StandardCharsets.UTF_8), false, false, true);
            }
        }
    }
}
