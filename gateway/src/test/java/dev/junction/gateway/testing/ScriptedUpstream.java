package dev.junction.gateway.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hostile upstream written on raw sockets: each request it receives is answered by the next
 * scripted {@link Act} (and, once the script is used up, by the default act), so a test can make
 * one upstream fail in a chosen way while another serves. It speaks just enough HTTP/1.1 for
 * Junction's client: it reads the head and a {@code Content-Length} body, then acts; every
 * connection is closed after one exchange.
 */
public final class ScriptedUpstream implements AutoCloseable {
    /** What to do with one request. */
    public sealed interface Act {
        /** Answer with this status and JSON body. */
        record Status(int status, String body, List<String> headers) implements Act {}

        /** A Gemini-style event stream: these {@code data:} payloads, then close (or reset when {@code resetAfter}). */
        record Stream(List<String> events, boolean resetAfter) implements Act {}

        /** Close the connection abruptly (TCP reset) without answering. */
        record Reset() implements Act {}

        /** Read the request and say nothing until the connection is closed by the other side. */
        record Hang() implements Act {}

        /**
         * A 200 with this JSON body, sent in two halves with a pause between them; when
         * {@code together} is given, the second half waits until that many answers have sent
         * their first (so that they are held at once), then for the pause.
         */
        record Halting(String body, long pauseMillis, java.util.concurrent.CountDownLatch together) implements Act {
            public Halting(String body, long pauseMillis) {
                this(body, pauseMillis, null);
            }
        }

        /**
         * Take {@code delayMillis} to think, then do {@code then}; a caller that hangs up meanwhile
         * is counted ({@link ScriptedUpstream#abandoned()}) and gets nothing.
         */
        record Slow(long delayMillis, Act then) implements Act {}

        /** A 200 head of this content type (chunked), then silence until the other side gives up. */
        record HeadThenHang(String contentType) implements Act {}

        /** A 200 of this content type whose body is exactly {@code body}, whatever it is, chunked and ended cleanly. */
        record Raw(String contentType, String body) implements Act {}

        /** A 200 that announces more than {@code body} (Content-Length), sends {@code body}, then closes. */
        record Cut(String contentType, String body) implements Act {}

        /** A chunked 200 of {@code prefix} followed by filler without end, until the other side closes. */
        record Endless(String contentType, String prefix) implements Act {}

        /** A chunked 200 whose body goes out one byte at a time, {@code pauseMillis} apart. */
        record Trickle(String contentType, String body, long pauseMillis) implements Act {}
    }

    public static Act status(int status, String body, String... headers) {
        return new Act.Status(status, body, List.of(headers));
    }

    public static Act ok(String text) {
        return status(200, geminiAnswer(text));
    }

    /** A whole Gemini {@code generateContent} answer with {@code text} and usage. */
    public static String geminiAnswer(String text) {
        return "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"" + text + "\"}]},"
                + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":3,"
                + "\"candidatesTokenCount\":2,\"totalTokenCount\":5},\"modelVersion\":\"scripted\"}";
    }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final ConcurrentLinkedQueue<Act> script = new ConcurrentLinkedQueue<>();
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger abandoned = new AtomicInteger();
    private volatile Act fallback;

    public ScriptedUpstream(Act fallback) throws IOException {
        this.fallback = fallback;
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        threads.submit(this::accept);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Acts for the next requests, in order. */
    public ScriptedUpstream then(Act... acts) {
        script.addAll(List.of(acts));
        return this;
    }

    public void always(Act act) {
        this.fallback = act;
    }

    public int calls() {
        return calls.get();
    }

    /** Requests whose caller hung up while a {@link Act.Slow} act was still thinking. */
    public int abandoned() {
        return abandoned.get();
    }

    /** The request lines received ({@code POST /v1beta/models/x:generateContent HTTP/1.1}). */
    public List<String> requests() {
        return List.copyOf(requestLines);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                threads.submit(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            if (head.isEmpty()) {
                return;
            }
            requestLines.add(head.lines().findFirst().orElse(""));
            int length = head.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                    .map(l -> Integer.parseInt(l.substring(l.indexOf(':') + 1).trim())).findFirst().orElse(0);
            in.readNBytes(length);
            calls.incrementAndGet();
            Act act = script.poll();
            act(socket, act == null ? fallback : act);
        } catch (IOException e) {
            // the other side went away: nothing to answer
        } finally {
            open.remove(socket);
        }
    }

    private void act(Socket socket, Act act) throws IOException {
        OutputStream out = socket.getOutputStream();
        switch (act) {
            case Act.Slow slow -> {
                long deadline = System.nanoTime() + slow.delayMillis() * 1_000_000;
                socket.setSoTimeout(20);
                while (System.nanoTime() < deadline) {
                    try {
                        if (socket.getInputStream().read() < 0) {
                            abandoned.incrementAndGet();
                            return;
                        }
                    } catch (java.net.SocketTimeoutException stillThere) {
                        // the caller is still waiting
                    } catch (IOException gone) {
                        abandoned.incrementAndGet();
                        return;
                    }
                }
                socket.setSoTimeout(0);
                act(socket, slow.then());
            }
            case Act.Status s -> {
                byte[] body = s.body().getBytes(StandardCharsets.UTF_8);
                StringBuilder head = new StringBuilder("HTTP/1.1 " + s.status() + " Scripted\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n");
                s.headers().forEach(h -> head.append(h).append("\r\n"));
                out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            }
            case Act.Stream s -> {
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                for (String event : s.events()) {
                    byte[] frame = ("data: " + event + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
                    out.write((Integer.toHexString(frame.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(frame);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                if (s.resetAfter()) {
                    try {
                        Thread.sleep(200); // let the events arrive first: a reset discards unread data
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    reset(socket);
                    return;
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            case Act.Halting h -> {
                byte[] body = h.body().getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, 0, body.length / 2);
                out.flush();
                try {
                    if (h.together() != null) {
                        h.together().countDown();
                        h.together().await(20, java.util.concurrent.TimeUnit.SECONDS);
                    }
                    Thread.sleep(h.pauseMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                out.write(body, body.length / 2, body.length - body.length / 2);
                out.flush();
            }
            case Act.Reset r -> reset(socket);
            case Act.HeadThenHang h -> {
                out.write(chunkedHead(h.contentType()));
                out.flush();
                while (socket.getInputStream().read() >= 0) {
                    // wait for the other side to give up
                }
            }
            case Act.Raw r -> {
                out.write(chunkedHead(r.contentType()));
                chunk(out, r.body().getBytes(StandardCharsets.UTF_8));
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            case Act.Cut c -> {
                byte[] body = c.body().getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: " + c.contentType() + "\r\nContent-Length: "
                        + (body.length + 1000) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                pause(200);
            }
            case Act.Endless e -> {
                out.write(chunkedHead(e.contentType()));
                chunk(out, e.prefix().getBytes(StandardCharsets.UTF_8));
                byte[] filler = new byte[64 * 1024];
                java.util.Arrays.fill(filler, (byte) 'x');
                while (!socket.isClosed()) {
                    chunk(out, filler); // fails once the other side has closed
                }
            }
            case Act.Trickle t -> {
                out.write(chunkedHead(t.contentType()));
                out.flush();
                for (byte b : t.body().getBytes(StandardCharsets.UTF_8)) {
                    chunk(out, new byte[] {b});
                    pause(t.pauseMillis());
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            case Act.Hang h -> {
                while (socket.getInputStream().read() >= 0) {
                    // wait for the other side to give up
                }
            }
        }
    }

    private static byte[] chunkedHead(String contentType) {
        return ("HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nConnection: close\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static void chunk(OutputStream out, byte[] bytes) throws IOException {
        if (bytes.length == 0) {
            return;
        }
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reset(Socket socket) throws SocketException {
        socket.setSoLinger(true, 0);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return "";
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        threads.shutdownNow();
    }
}
