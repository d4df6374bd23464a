package dev.junction.gateway;

import dev.junction.gateway.config.ServerSettings;
import dev.junction.gateway.edge.ConnectionGuard;
import dev.junction.gateway.edge.EdgeHandler;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.HttpServerConnection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP server per event loop, all on the same port (Vert.x spreads connections between
 * them). Asked for port 0 (any free port, as tests do), one server listens: Vert.x would give
 * each instance a different free port.
 */
final class HttpServers {
    private final List<HttpServer> servers;

    private HttpServers(List<HttpServer> servers) {
        this.servers = servers;
    }

    /** @param guard watched over every connection (timeouts, errors of HTTP itself) */
    static HttpServers start(Vertx vertx, ServerSettings settings, EdgeHandler edge, ConnectionGuard guard) {
        List<HttpServer> servers = new CopyOnWriteArrayList<>();
        int instances = settings.port() == 0 ? 1 : EventLoops.count();
        vertx.deployVerticle(() -> new VerticleBase() {
            @Override
            public Future<?> start() {
                return vertx.createHttpServer(options()).requestHandler(edge)
                        .connectionHandler(connection -> {
                            if (connection instanceof HttpServerConnection server) {
                                guard.install(server.channelHandlerContext().pipeline());
                            }
                        })
                        .listen(settings.port(), settings.host()).onSuccess(servers::add);
            }
        }, new DeploymentOptions().setInstances(instances)).await();
        return new HttpServers(servers);
    }

    /**
     * HTTP/1.1 only: h2c (cleartext HTTP/2, by upgrade or by prior knowledge) is off, so an
     * {@code Upgrade: h2c} is ignored and a connection preface is answered 505. TLS and HTTP/2
     * belong to the proxy or load balancer in front of Junction.
     */
    private static HttpServerOptions options() {
        return new HttpServerOptions()
                .setHttp2ClearTextEnabled(false)
                .setTcpNoDelay(true)
                .setAcceptBacklog(8192)
                .setCompressionSupported(false)
                .setMaxInitialLineLength(16 * 1024)
                .setMaxHeaderSize(64 * 1024);
    }

    int port() {
        return servers.get(0).actualPort();
    }

    /** Stops accepting connections and waits up to {@code grace} for requests in flight. */
    void shutdown(Duration grace) {
        List<Future<Void>> stopped = servers.stream()
                .map(server -> server.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS))
                .toList();
        try {
            Future.join(stopped).await(grace.toMillis() + 5000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // Stopping anyway: what is still open is closed with the event loops.
        }
    }
}
