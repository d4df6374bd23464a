package dev.junction.mock.gemini;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A measurement, not a test: opens {@code N} slow streams at once against a running mock (the
 * benchmark's shape, {@code mock:events=20 mock:interval-ms=20}), reads each to its end and
 * reports how many completed with all their events and how long they took. A stream of 20 events
 * 20 ms apart needs at least 380 ms; the spread above that is the mock's (and this client's) cost.
 *
 * <p>{@code java -cp ... dev.junction.mock.gemini.ConcurrentStreamsMeasurement PORT [N [ROUNDS [EVENTS [INTERVAL_MS]]]]}:
 * with several rounds, each starts when the previous one is done, in the same (by then warm) JVM;
 * EVENTS and INTERVAL_MS (default 20 and 20) shape the streams, e.g. {@code 30 1000} for slow
 * streams held open half a minute.
 */
public final class ConcurrentStreamsMeasurement {
    private ConcurrentStreamsMeasurement() {}

    /** Reads up to the chunked body's terminator (the connection may stay open after it). */
    private static String readChunkedResponse(InputStream in) throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[16_384];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            out.write(buffer, 0, n);
            String tail = out.size() >= 7 ? new String(out.toByteArray(), out.size() - 7, 7, StandardCharsets.US_ASCII) : "";
            if (tail.endsWith("\r\n0\r\n\r\n")) {
                break;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int streams = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int events = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int intervalMillis = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        for (int round = 0; round < rounds; round++) {
            round(port, streams, events, intervalMillis);
        }
    }

    private static void round(int port, int streams, int eventCount, int intervalMillis) throws Exception {
        byte[] body = ("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"bench mock:events=" + eventCount
                + " mock:interval-ms=" + intervalMillis + "\"}]}]}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST /v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nx-goog-api-key: bench\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        AtomicInteger complete = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long[] millis = new long[streams];
        CountDownLatch ready = new CountDownLatch(streams);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>(streams);
        for (int i = 0; i < streams; i++) {
            int index = i;
            threads.add(Thread.ofVirtual().start(() -> {
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    socket.setSoTimeout(60_000);
                    ready.countDown();
                    go.await();
                    long start = System.nanoTime();
                    socket.getOutputStream().write(head);
                    socket.getOutputStream().write(body);
                    InputStream in = socket.getInputStream();
                    String received = readChunkedResponse(in);
                    millis[index] = (System.nanoTime() - start) / 1_000_000;
                    int events = received.split("data: ", -1).length - 1;
                    if (events == eventCount && received.contains("\"finishReason\": \"STOP\"")) {
                        complete.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                } catch (Exception e) {
                    if (failed.incrementAndGet() == 1) {
                        System.err.println("first failure: " + e);
                    }
                    ready.countDown();
                }
            }));
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        long wall = (System.nanoTime() - start) / 1_000_000;
        long[] sorted = millis.clone();
        java.util.Arrays.sort(sorted);
        System.out.printf("%d streams opened at once: %d complete (%d events each), %d failed, all done in %d ms; "
                        + "per stream p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n",
                streams, complete.get(), eventCount, failed.get(), wall, sorted[streams / 2], sorted[streams * 9 / 10],
                sorted[streams * 99 / 100], sorted[streams - 1]);
        System.out.flush();
    }
}
