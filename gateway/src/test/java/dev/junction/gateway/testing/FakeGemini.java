package dev.junction.gateway.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small Gemini stand-in for end-to-end tests: {@code generateContent} answers one JSON
 * response, {@code streamGenerateContent?alt=sse} a stream of events each carrying cumulative
 * {@code usageMetadata}. What it reports is set per test.
 */
public final class FakeGemini implements AutoCloseable {
    private final HttpServer server;
    public volatile int promptTokens = 10;
    public volatile int outputTokens = 20;
    public volatile int thoughtTokens = 0;
    public volatile boolean reportUsage = true;
    public volatile int streamEvents = 3;
    public volatile long eventDelayMillis = 0;
    /** When set, every call waits for it before answering (to hold requests in flight). */
    public volatile CountDownLatch gate;
    public final AtomicInteger calls = new AtomicInteger();
    public final AtomicInteger inFlight = new AtomicInteger();

    public FakeGemini() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        calls.incrementAndGet();
        inFlight.incrementAndGet();
        try (ex) {
            ex.getRequestBody().readAllBytes();
            CountDownLatch g = gate;
            if (g != null) {
                try {
                    g.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String path = ex.getRequestURI().getPath();
            if (path.endsWith(":streamGenerateContent")) {
                stream(ex);
            } else {
                byte[] body = event("Hello there.", outputTokens).getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void stream(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        int events = streamEvents;
        for (int i = 1; i <= events; i++) {
            int soFar = outputTokens * i / events;
            out.write(("data: " + event("part " + i + " ", soFar) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (eventDelayMillis > 0) {
                try {
                    Thread.sleep(eventDelayMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private String event(String text, int output) {
        String usage = reportUsage ? ",\"usageMetadata\":{\"promptTokenCount\":" + promptTokens
                + ",\"candidatesTokenCount\":" + output + ",\"thoughtsTokenCount\":" + thoughtTokens
                + ",\"totalTokenCount\":" + (promptTokens + output + thoughtTokens) + "}" : "";
        return "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"" + text + "\"}]},"
                + "\"index\":0}]" + usage + ",\"modelVersion\":\"gemini-2.5-flash\"}";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
