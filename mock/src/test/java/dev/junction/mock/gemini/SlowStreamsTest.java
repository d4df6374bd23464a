package dev.junction.mock.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The mock serves slow streams with timers on its event loops, never a thread per stream: thousands
 * of concurrent streams leave the JVM's platform thread count where it was, and a reader that
 * stops reading holds the stream back (back-pressure) without losing a byte.
 */
class SlowStreamsTest {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Test
    @Timeout(90)
    void twoThousandConcurrentSlowStreamsNeedNoThreadEach() throws Exception {
        int streams = 2000;
        try (MockGeminiServer mock = MockGeminiServer.start(MockGeminiConfig.defaults().withRecordLimit(0))) {
            String prompt = "slow mock:events=5 mock:interval-ms=200";
            // warm up: the mock's event loops and the client's virtual-thread carriers and pollers exist now
            assertThat(count(stream(mock.port(), prompt), "data: ")).isEqualTo(5);
            int before = THREADS.getThreadCount();
            THREADS.resetPeakThreadCount();

            AtomicInteger complete = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            AtomicLong fastest = new AtomicLong(Long.MAX_VALUE);
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> clients = new ArrayList<>(streams);
            for (int i = 0; i < streams; i++) {
                clients.add(Thread.ofVirtual().start(() -> {
                    try {
                        go.await();
                        long start = System.nanoTime();
                        String raw = stream(mock.port(), prompt);
                        fastest.accumulateAndGet(System.nanoTime() - start, Math::min);
                        if (count(raw, "data: ") == 5 && raw.endsWith("\r\n0\r\n\r\n")
                                && raw.contains("\"finishReason\": \"STOP\"")) {
                            complete.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }));
            }
            long start = System.nanoTime();
            go.countDown();
            for (Thread client : clients) {
                client.join(Duration.ofSeconds(80));
            }
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            int grew = THREADS.getPeakThreadCount() - before;

            assertThat(failed.get()).isZero();
            assertThat(complete.get()).isEqualTo(streams);
            // four 200 ms intervals each, and all at once rather than one after another
            assertThat(Duration.ofNanos(fastest.get())).isGreaterThanOrEqualTo(Duration.ofMillis(790));
            assertThat(wall).isLessThan(Duration.ofSeconds(60));
            assertThat(grew).as("platform threads added while %d streams were open", streams).isLessThan(40);
        }
    }

    @Test
    @Timeout(60)
    void aReaderThatPausesHoldsTheStreamBackAndLosesNothing() throws Exception {
        try (MockGeminiServer mock = MockGeminiServer.start(MockGeminiConfig.defaults().withRecordLimit(0))) {
            int events = 20_000; // several megabytes: more than the sockets' buffers hold
            byte[] body = Requests.prompt("big mock:events=" + events).toString().getBytes(StandardCharsets.UTF_8);
            try (Socket socket = new Socket("127.0.0.1", mock.port())) {
                socket.setReceiveBufferSize(64 * 1024);
                socket.setSoTimeout(30_000);
                socket.getOutputStream().write(head(body.length).getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().write(body);
                socket.getOutputStream().flush();
                Thread.sleep(1_000); // the mock fills the connection, then waits for it to drain
                String raw = readAll(socket.getInputStream());
                assertThat(count(raw, "data: ")).isEqualTo(events);
                assertThat(raw).endsWith("\r\n0\r\n\r\n");
            }
        }
    }

    private static String head(int length) {
        return "POST /v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nx-goog-api-key: k\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + length + "\r\nConnection: close\r\n\r\n";
    }

    /** One streamed call over a fresh connection, read to its end. */
    private static String stream(int port, String prompt) throws IOException {
        byte[] body = Requests.prompt(prompt).toString().getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(head(body.length).getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            return readAll(socket.getInputStream());
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[16_384];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            received.write(buffer, 0, n);
        }
        return received.toString(StandardCharsets.UTF_8);
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }
}
