package dev.junction.mock.gemini;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
 * <p>It runs on Vert.x: one {@link Vertx} of its own (an event loop per core, Netty's native
 * epoll transport when available) and an HTTP server per event loop sharing the port. Nothing
 * blocks: every wait a plan asks for (delay, interval, stall) is a timer, so thousands of slow
 * streams cost a few kilobytes each, not a thread.
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
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final MockGeminiConfig config;
    private final Vertx vertx;
    private final RequestLog log;
    private final MockBehaviour behaviour;
    private final MockHttpHandler handler;
    private volatile int port;

    private MockGeminiServer(MockGeminiConfig config) {
        this.config = config;
        this.log = new RequestLog(config.recordLimit());
        this.behaviour = new MockBehaviour(ModelCatalogue.DEFAULT,
                config.signatureSecret().getBytes(StandardCharsets.UTF_8));
        this.vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(eventLoops())
                .setPreferNativeTransport(true)
                .setUseDaemonThread(true)
                // The mock never runs blocking code: keep the (lazily created) pools small.
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1)
                // No file serving: no cache directory on disk, no class path scanning.
                .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)
                        .setClassPathResolvingEnabled(false)));
        this.handler = new MockHttpHandler(behaviour, new ReplyWriter(vertx, config.maxStall()), log,
                config.acceptedKeys());
    }

    private static int eventLoops() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** Starts a mock; it listens when this returns. */
    public static MockGeminiServer start(MockGeminiConfig config) {
        MockGeminiServer mock = new MockGeminiServer(config);
        try {
            mock.listen();
        } catch (RuntimeException e) {
            mock.close();
            throw e;
        }
        return mock;
    }

    /** Starts a mock with {@link MockGeminiConfig#defaults()}: loopback, an ephemeral port, any key. */
    public static MockGeminiServer start() {
        return start(MockGeminiConfig.defaults());
    }

    /**
     * One server verticle per event loop, all on one port: Vert.x then shares one listening
     * socket and hands each accepted connection to one of them in turn. (Port 0 would give each
     * its own ephemeral port; a negative port is Vert.x's way to share one ephemeral port.)
     */
    private void listen() {
        int shared = config.port() == 0 ? -1 : config.port();
        ConcurrentLinkedQueue<MockVerticle> verticles = new ConcurrentLinkedQueue<>();
        await(vertx.deployVerticle(() -> {
            MockVerticle verticle = new MockVerticle(handler, config.host(), shared);
            verticles.add(verticle);
            return verticle;
        }, new DeploymentOptions().setInstances(eventLoops())));
        port = verticles.peek().actualPort();
    }

    public int port() {
        return port;
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

    /**
     * Stops listening and drops every open connection at once, stalled ones included (their
     * timers die with the event loops). Returns when the port is released.
     */
    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // closing is best effort: the event loops are daemon threads
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the mock Gemini server", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot start the mock Gemini server: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the mock Gemini server did not start within " + START_TIMEOUT, e);
        }
    }

    /**
     * Runs the mock alone until the process is stopped: {@code --port N} (default 8089),
     * {@code --host H} (default 127.0.0.1), {@code --key K} (repeatable; default: any key),
     * {@code --record N} (requests kept for {@link #received()}; 0 for benchmarks).
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
        System.out.println("Junction mock Gemini upstream listening on " + mock.baseUrl() + " ("
                + eventLoops() + " event loops, " + (mock.vertx.isNativeTransportEnabled() ? "native epoll" : "NIO")
                + " transport)");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mock.close();
            stopped.countDown();
        }));
        stopped.await();
    }
}
