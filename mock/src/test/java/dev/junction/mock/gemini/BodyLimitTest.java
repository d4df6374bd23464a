package dev.junction.mock.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Bodies are read up to 64 MB; beyond, Google's 400 and the connection is closed once the body is over. */
@Timeout(60)
class BodyLimitTest {
    private static final String PATH = "/v1beta/models/gemini-2.5-flash:generateContent";
    private static final String LIMIT = "Request payload size exceeds the limit: 67108864 bytes.";

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedAtOnce() throws Exception {
        try (MockGeminiServer mock = MockGeminiServer.start();
             Socket socket = new Socket("127.0.0.1", mock.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST " + PATH + " HTTP/1.1\r\nHost: x\r\nx-goog-api-key: k\r\n"
                    + "Content-Length: 100000000\r\n\r\n{\"contents\": [").getBytes(StandardCharsets.US_ASCII));
            String head = readUntil(socket.getInputStream(), LIMIT);
            assertThat(head).startsWith("HTTP/1.1 400 Bad Request\r\n").contains(LIMIT);
            assertThat(mock.received()).isEmpty();
        }
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedAndTheServerGoesOn() throws Exception {
        try (MockGeminiServer mock = MockGeminiServer.start();
             Socket socket = new Socket("127.0.0.1", mock.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + PATH + " HTTP/1.1\r\nHost: x\r\nx-goog-api-key: k\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            Thread sender = Thread.ofVirtual().start(() -> {
                byte[] chunk = new byte[1 << 20];
                Arrays.fill(chunk, (byte) ' ');
                byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                try {
                    for (int i = 0; i < 70; i++) {
                        out.write(size);
                        out.write(chunk);
                        out.write(new byte[] {'\r', '\n'});
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException closed) {
                    // the server may close first
                }
            });
            String raw = readAll(socket.getInputStream());
            sender.join();
            assertThat(raw).startsWith("HTTP/1.1 400 Bad Request\r\n").contains(LIMIT);

            RawHttp.Outcome next = RawHttp.post(mock.port(), PATH, Requests.prompt("still there?").toString(), 5_000);
            assertThat(next.raw()).startsWith("HTTP/1.1 200 OK");
        }
    }

    private static String readUntil(InputStream in, String needle) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        for (int n; !received.toString(StandardCharsets.UTF_8).contains(needle) && (n = in.read(buffer)) >= 0; ) {
            received.write(buffer, 0, n);
        }
        return received.toString(StandardCharsets.UTF_8);
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            received.write(buffer, 0, n);
        }
        return received.toString(StandardCharsets.UTF_8);
    }
}
