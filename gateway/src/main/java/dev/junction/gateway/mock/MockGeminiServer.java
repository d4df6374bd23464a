package dev.junction.gateway.mock;

import io.helidon.webserver.WebServer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Junction's built-in mock of the Gemini REST API: a deterministic, prompt-scriptable HTTP server
 * that answers like {@code generativelanguage.googleapis.com}. The gateway serves it when no
 * upstream credentials are configured, {@code ./junction mock-upstream} runs it alone, every
 * integration test runs against it and the benchmarks use it as their upstream.
 *
 * <p>Endpoints (under {@code /v1beta}, {@code /v1} and {@code /v1alpha}): {@code POST
 * models/{model}:generateContent}, {@code :streamGenerateContent} (with {@code ?alt=sse}: SSE;
 * without: a streamed JSON array), {@code :countTokens}, {@code :embedContent},
 * {@code :batchEmbedContents}, {@code GET models} and {@code GET models/{model}}. The prompt
 * scripts the answer: see {@link DirectiveParser} for the directive language.
 *
 * <pre>{@code
 * try (MockGeminiServer mock = MockGeminiServer.start(MockGeminiConfig.defaults())) {
 *     URI uri = URI.create(mock.baseUrl() + "/v1beta/models/gemini-2.5-flash:generateContent");
 *     ... send {"contents":[{"parts":[{"text":"hi mock:error=429"}]}]} with x-goog-api-key ...
 *     assertThat(mock.received()).singleElement().satisfies(r -> ...);
 * }
 * }</pre>
 */
public final class MockGeminiServer implements AutoCloseable {
    private final MockGeminiConfig config;
    private final WebServer server;
    private final ReplyWriter writer;
    private final RequestLog log;
    private final MockBehaviour behaviour;

    private MockGeminiServer(MockGeminiConfig config) {
        this.config = config;
        this.log = new RequestLog(config.recordLimit());
        this.writer = new ReplyWriter(config.maxStall());
        this.behaviour = new MockBehaviour(ModelCatalogue.DEFAULT,
                config.signatureSecret().getBytes(StandardCharsets.UTF_8));
        MockHttpHandler handler = new MockHttpHandler(behaviour, writer, log, config.acceptedKeys());
        this.server = WebServer.builder()
                .host(config.host())
                .port(config.port())
                .shutdownHook(false)
                // Small responses and stream events must leave at once: Nagle's algorithm would hold
                // each one until the client's delayed ACK, capping throughput and spacing events.
                .connectionOptions(socket -> socket.tcpNoDelay(true))
                .routing(routing -> routing.any(handler))
                .build();
    }

    /** Starts a mock; it listens when this returns. */
    public static MockGeminiServer start(MockGeminiConfig config) {
        MockGeminiServer mock = new MockGeminiServer(config);
        mock.server.start();
        return mock;
    }

    /** Starts a mock with {@link MockGeminiConfig#defaults()}: loopback, an ephemeral port, any key. */
    public static MockGeminiServer start() {
        return start(MockGeminiConfig.defaults());
    }

    public int port() {
        return server.port();
    }

    /** {@code http://host:port}, to use where {@code https://generativelanguage.googleapis.com} would go. */
    public String baseUrl() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return "http://" + host + ":" + port();
    }

    public MockGeminiConfig config() {
        return config;
    }

    /** The last requests received (at most {@link MockGeminiConfig#recordLimit()}), oldest first. */
    public List<ReceivedRequest> received() {
        return log.snapshot();
    }

    /** Forgets the received requests. */
    public void clear() {
        log.clear();
    }

    /** The behaviour behind the server, for tests that plan replies without HTTP. */
    MockBehaviour behaviour() {
        return behaviour;
    }

    /** Stops listening and drops every open connection, stalled ones included. */
    @Override
    public void close() {
        writer.interruptAll();
        server.stop();
    }

    /**
     * Runs the mock alone until the process is stopped: {@code --port N} (default 8089),
     * {@code --host H} (default 127.0.0.1), {@code --key K} (repeatable; default: any key).
     */
    public static void main(String[] args) throws InterruptedException {
        MockGeminiConfig config = MockGeminiConfig.defaults().withPort(8089);
        Set<String> keys = new HashSet<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> config = config.withPort(Integer.parseInt(args[i + 1]));
                case "--host" -> config = config.withHost(args[i + 1]);
                case "--key" -> keys.add(args[i + 1]);
                case "--record" -> config = config.withRecordLimit(Integer.parseInt(args[i + 1]));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        MockGeminiServer mock = start(config.withAcceptedKeys(keys));
        System.out.println("Junction mock Gemini upstream listening on " + mock.baseUrl());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mock.close();
            stopped.countDown();
        }));
        stopped.await();
    }
}
