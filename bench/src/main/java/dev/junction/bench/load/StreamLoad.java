package dev.junction.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * A load client for server-sent event streams: {@code --streams N} connections, kept alive, each
 * sending stream requests back to back until {@code --duration-ms} has passed (exactly one each
 * when it is 0), their first requests spread over {@code --ramp-ms}. For every stream it measures,
 * from the moment the request was written: the time to the first event (the first {@code data:}
 * line), the time to the last byte, and the longest gap between two events (a proxy that
 * buffers shows it as gaps far above the upstream's pacing and as late first events). It
 * de-chunks the HTTP body itself, so a proxy that re-chunks the stream is counted right.
 *
 * <p>One thread and one selector drive every connection: the client must share a core with the
 * mock upstream and still take 50,000 events a second, which a thread (even a virtual one) per
 * connection cannot do on this machine. Times are taken once per read.
 *
 * <pre>
 * StreamLoad --port 8080 --path '/v1/chat/completions' --body-file body.json
 *            [--header 'Authorization: Bearer jn-...'] --streams 1000 --duration-ms 8000 --ramp-ms 400
 *            [--min-events 20] [--warmup-ms 2000] [--label name]
 * </pre>
 *
 * Prints one {@code RESULT} line (key=value, times in milliseconds) and one line per kind of
 * failure. A stream fails on a non-200 status, a connection error, or fewer than
 * {@code --min-events} events. Streams that started during the warm-up are not reported.
 */
public final class StreamLoad {
    private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);
    private static final long GIVE_UP_NANOS = 120_000_000_000L;

    private final InetSocketAddress address;
    private final byte[] request;
    private final int minEvents;
    private final boolean repeat;
    private final long measureFrom;
    private final long deadline;
    private final List<long[]> samples = new ArrayList<>();
    private final Map<String, Integer> failures = new TreeMap<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(256 * 1024);
    private final byte[] bytes = new byte[256 * 1024];
    private long events;
    private int open;
    private int peakOpen;
    private int live;

    private StreamLoad(int port, byte[] request, int minEvents, boolean repeat, long measureFrom, long deadline) {
        this.address = new InetSocketAddress("127.0.0.1", port);
        this.request = request;
        this.minEvents = minEvents;
        this.repeat = repeat;
        this.measureFrom = measureFrom;
        this.deadline = deadline;
    }

    public static void main(String[] args) throws IOException {
        int port = 8080;
        int streams = 100;
        long durationMs = 0;
        long rampMs = 0;
        long warmupMs = 0;
        int minEvents = 1;
        String path = "/";
        String label = "streams";
        byte[] body = new byte[0];
        List<String> headers = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value);
                case "--path" -> path = value;
                case "--body-file" -> body = Files.readAllBytes(Path.of(value));
                case "--header" -> headers.add(value);
                case "--streams" -> streams = Integer.parseInt(value);
                case "--duration-ms" -> durationMs = Long.parseLong(value);
                case "--ramp-ms" -> rampMs = Long.parseLong(value);
                case "--warmup-ms" -> warmupMs = Long.parseLong(value);
                case "--min-events" -> minEvents = Integer.parseInt(value);
                case "--label" -> label = value;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\nContent-Length: " + body.length
                + "\r\n");
        headers.forEach(h -> head.append(h).append("\r\n"));
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        long start = System.nanoTime();
        StreamLoad load = new StreamLoad(port, request, minEvents, durationMs > 0, start + warmupMs * 1_000_000L,
                start + (warmupMs + durationMs) * 1_000_000L);
        load.run(start, streams, rampMs);
        load.report(label, streams, (System.nanoTime() - start) / 1_000_000);
    }

    private void run(long start, int streams, long rampMs) throws IOException {
        PriorityQueue<long[]> due = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
        for (int i = 0; i < streams; i++) {
            due.add(new long[] {start + rampMs * 1_000_000L * i / streams});
        }
        live = streams;
        try (Selector selector = Selector.open()) {
            while (live > 0) {
                long now = System.nanoTime();
                while (!due.isEmpty() && due.peek()[0] <= now) {
                    due.poll();
                    new Connection().open(selector);
                }
                if (now - start > GIVE_UP_NANOS + (deadline - start)) {
                    for (SelectionKey key : selector.keys()) {
                        ((Connection) key.attachment()).failed("no answer after 120 s");
                    }
                    break;
                }
                long waitMs = due.isEmpty() ? 100 : Math.max(1, (due.peek()[0] - now) / 1_000_000);
                if (selector.select(waitMs) == 0) {
                    continue;
                }
                for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey key = it.next();
                    it.remove();
                    ((Connection) key.attachment()).ready(key);
                }
            }
        }
    }

    private void report(String label, int streams, long wallMs) {
        int failed = failures.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf(Locale.ROOT, "RESULT label=%s connections=%d streams=%d ok=%d failed=%d events=%d"
                        + " peak_open=%d wall_ms=%d ttfe_p50=%s ttfe_p90=%s ttfe_p99=%s ttfe_max=%s total_p50=%s"
                        + " total_p99=%s gap_p50=%s gap_p99=%s gap_max=%s%n",
                label, streams, samples.size() + failed, samples.size(), failed, events, peakOpen, wallMs,
                pct(0, 50), pct(0, 90), pct(0, 99), pct(0, 100), pct(1, 50), pct(1, 99), pct(2, 50), pct(2, 99),
                pct(2, 100));
        failures.forEach((what, n) -> System.out.println("FAILURE x" + n + ": " + what));
    }

    private String pct(int field, int percentile) {
        if (samples.isEmpty()) {
            return "-";
        }
        List<Long> values = new ArrayList<>(samples.size());
        samples.forEach(s -> values.add(s[field]));
        Collections.sort(values);
        int index = Math.min(values.size() - 1, Math.max(0, (int) Math.ceil(percentile / 100.0 * values.size()) - 1));
        return String.format(Locale.ROOT, "%.2f", values.get(index) / 1e6);
    }

    private enum Phase { STATUS, HEADERS, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, BODY, TO_EOF }

    /** One kept-alive connection and the response it is reading. */
    private final class Connection {
        private SocketChannel channel;
        private SelectionKey key;
        private final StringBuilder line = new StringBuilder();
        private Phase phase;
        private String status;
        private boolean chunked;
        private boolean close;
        private long remaining;
        private long sent;
        private int completed;
        private int count;
        private long first;
        private long last;
        private long maxGap;
        private boolean lineStart;
        private int matched;
        private boolean inStream;

        void open(Selector selector) throws IOException {
            sent = 0;
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            key = channel.register(selector, SelectionKey.OP_CONNECT, this);
            try {
                if (channel.connect(address)) {
                    send();
                }
            } catch (IOException e) {
                failed(e.toString());
            }
        }

        void ready(SelectionKey k) {
            try {
                if (k.isConnectable()) {
                    channel.finishConnect();
                    send();
                } else if (k.isReadable()) {
                    read();
                }
            } catch (IOException | RuntimeException e) {
                failed(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }

        private void send() throws IOException {
            ByteBuffer out = ByteBuffer.wrap(request);
            sent = System.nanoTime();
            while (out.hasRemaining()) {
                channel.write(out); // a few hundred bytes into an empty socket buffer: never partial here
            }
            inStream = true;
            open++;
            peakOpen = Math.max(peakOpen, open);
            phase = Phase.STATUS;
            line.setLength(0);
            chunked = false;
            close = false;
            remaining = -1;
            count = 0;
            maxGap = 0;
            lineStart = true;
            matched = -1;
            key.interestOps(SelectionKey.OP_READ);
        }

        private void read() throws IOException {
            readBuffer.clear();
            int n = channel.read(readBuffer);
            long now = System.nanoTime();
            if (n < 0) {
                if (phase == Phase.TO_EOF) {
                    complete(now);
                    return;
                }
                failed("connection closed mid-response");
                return;
            }
            readBuffer.flip();
            readBuffer.get(bytes, 0, n);
            int i = 0;
            while (i < n && inStream) {
                switch (phase) {
                    case STATUS, HEADERS, CHUNK_SIZE, CHUNK_END, TRAILERS -> {
                        byte b = bytes[i++];
                        if (b == '\n') {
                            line(now);
                        } else if (b != '\r') {
                            line.append((char) b);
                        }
                    }
                    case CHUNK_DATA, BODY, TO_EOF -> {
                        int take = (int) Math.min(n - i, phase == Phase.TO_EOF ? Long.MAX_VALUE : remaining);
                        body(i, take, now);
                        i += take;
                        if (phase != Phase.TO_EOF) {
                            remaining -= take;
                            if (remaining == 0) {
                                if (phase == Phase.BODY) {
                                    complete(now);
                                } else {
                                    phase = Phase.CHUNK_END;
                                }
                            }
                        }
                    }
                }
            }
        }

        private void line(long now) {
            String text = line.toString();
            line.setLength(0);
            switch (phase) {
                case STATUS -> {
                    status = text;
                    phase = Phase.HEADERS;
                }
                case HEADERS -> {
                    if (!text.isEmpty()) {
                        String lower = text.toLowerCase(Locale.ROOT);
                        if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                            chunked = true;
                        } else if (lower.startsWith("content-length:")) {
                            remaining = Long.parseLong(lower.substring(15).trim());
                        } else if (lower.startsWith("connection:") && lower.contains("close")) {
                            close = true;
                        }
                        return;
                    }
                    if (chunked) {
                        phase = Phase.CHUNK_SIZE;
                    } else if (remaining > 0) {
                        phase = Phase.BODY;
                    } else if (remaining == 0) {
                        complete(now);
                    } else {
                        phase = Phase.TO_EOF;
                        close = true;
                    }
                }
                case CHUNK_SIZE -> {
                    int semi = text.indexOf(';');
                    long size = Long.parseLong((semi < 0 ? text : text.substring(0, semi)).trim(), 16);
                    if (size == 0) {
                        phase = Phase.TRAILERS;
                    } else {
                        remaining = size;
                        phase = Phase.CHUNK_DATA;
                    }
                }
                case CHUNK_END -> phase = Phase.CHUNK_SIZE;
                case TRAILERS -> {
                    if (text.isEmpty()) {
                        complete(now);
                    }
                }
                default -> throw new IllegalStateException(phase.name());
            }
        }

        /** Counts the {@code data:} lines in body bytes. */
        private void body(int from, int length, long now) {
            for (int i = from; i < from + length; i++) {
                byte b = bytes[i];
                if (lineStart) {
                    matched = 0;
                    lineStart = false;
                }
                if (matched >= 0) {
                    if (b == DATA[matched]) {
                        if (++matched == DATA.length) {
                            matched = -1;
                            if (count++ == 0) {
                                first = now;
                            } else {
                                maxGap = Math.max(maxGap, now - last);
                            }
                            last = now;
                        }
                    } else {
                        matched = -1;
                    }
                }
                if (b == '\n' || b == '\r') {
                    lineStart = true;
                }
            }
        }

        private void complete(long now) {
            completed++;
            inStream = false;
            open--;
            events += count;
            boolean measured = sent >= measureFrom;
            if (!status.startsWith("HTTP/1.1 200")) {
                fail(measured, "status " + status);
            } else if (count < minEvents) {
                fail(measured, "only " + count + " events (expected at least " + minEvents + ")");
            } else if (measured) {
                samples.add(new long[] {first - sent, now - sent, maxGap});
            }
            try {
                if (repeat && now < deadline) {
                    if (close) {
                        reconnect();
                    } else {
                        send();
                    }
                } else {
                    finish();
                }
            } catch (IOException e) {
                failed(e.toString());
            }
        }

        private void reconnect() throws IOException {
            Selector selector = key.selector();
            key.cancel();
            channel.close();
            new Connection().open(selector);
        }

        void failed(String why) {
            if (inStream) {
                inStream = false;
                open--;
            }
            fail((sent == 0 ? System.nanoTime() : sent) >= measureFrom, why);
            // A connection that served streams before gets a new one; one that never did (refused) gives up.
            if (repeat && completed > 0 && System.nanoTime() < deadline && key.selector().isOpen()) {
                try {
                    reconnect();
                    return;
                } catch (IOException e) {
                    fail(true, e.toString());
                }
            }
            finish();
        }

        private void finish() {
            live--;
            key.cancel();
            try {
                channel.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    private void fail(boolean measured, String what) {
        if (measured) {
            failures.merge(what, 1, Integer::sum);
        }
    }
}
