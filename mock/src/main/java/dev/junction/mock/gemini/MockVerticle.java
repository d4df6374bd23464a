package dev.junction.mock.gemini;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/**
 * One HTTP server on one event loop. {@link MockGeminiServer} deploys one per event loop on the
 * same port; Vert.x then shares the listening socket and hands each accepted connection to one
 * of them, whose event loop serves it for its whole life.
 */
final class MockVerticle extends VerticleBase {
    private final MockHttpHandler handler;
    private final String host;
    private final int port;
    private volatile HttpServer server;

    MockVerticle(MockHttpHandler handler, String host, int port) {
        this.handler = handler;
        this.host = host;
        this.port = port;
    }

    static HttpServerOptions options(String host, int port) {
        return new HttpServerOptions()
                .setHost(host)
                .setPort(port)
                // Small responses and stream events must leave at once: Nagle's algorithm would hold
                // each one until the client's delayed ACK, capping throughput and spacing events.
                .setTcpNoDelay(true)
                // Benchmarks open thousands of connections at once (the kernel caps this at somaxconn).
                .setAcceptBacklog(16_384)
                .setReuseAddress(true)
                .setCompressionSupported(false)
                .setDecompressionSupported(false)
                // no WebSockets here: without this, every connection's pipeline carries (and every
                // write crosses) the WebSocket compression negotiation handler
                .setPerFrameWebSocketCompressionSupported(false)
                .setPerMessageWebSocketCompressionSupported(false)
                // The mock speaks HTTP/1.1 as Google's front end does to plain-HTTP clients.
                .setHttp2ClearTextEnabled(false)
                // Clients that send "Expect: 100-continue" get their 100 before the body, as before.
                .setHandle100ContinueAutomatically(true)
                .setIdleTimeout(0);
    }

    @Override
    public Future<?> start() {
        return vertx.createHttpServer(options(host, port))
                .requestHandler(handler)
                .listen()
                .onSuccess(listening -> server = listening);
    }

    int actualPort() {
        return server.actualPort();
    }
}
