package dev.junction.gateway.metrics;

import dev.junction.gateway.access.AdminToken;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code GET /metrics}: the Prometheus text, for the admin token on the API listener, or for
 * anyone on the separate metrics listener ({@code metrics.port}, meant for a private network).
 * Errors are plain text, as Prometheus shows them.
 */
public final class MetricsHandler implements Handler<HttpServerRequest> {
    private final GatewayMetrics metrics;
    private final AdminToken adminToken;
    private final boolean open;

    /** @param open whether anyone may read (the separate listener); otherwise the admin token is needed */
    public MetricsHandler(GatewayMetrics metrics, Optional<String> adminToken, boolean open) {
        this.metrics = metrics;
        this.adminToken = new AdminToken(adminToken);
        this.open = open;
    }

    @Override
    public void handle(HttpServerRequest req) {
        if (!req.path().equals("/metrics")) {
            plain(req, 404, "Only /metrics is served here.\n");
            return;
        }
        if (!req.method().name().equals("GET") && !req.method().name().equals("HEAD")) {
            plain(req, 405, "/metrics accepts GET.\n");
            return;
        }
        if (!open) {
            if (!adminToken.configured()) {
                plain(req, 404, "/metrics needs the admin token (set JUNCTION_ADMIN_TOKEN) or a metrics.port of its "
                        + "own.\n");
                return;
            }
            if (!adminToken.accepts(Optional.ofNullable(req.getHeader("Authorization")))) {
                plain(req, 401, "/metrics needs 'Authorization: Bearer <admin token>'.\n");
                return;
            }
        }
        req.response().putHeader("Content-Type", GatewayMetrics.contentType()).end(metrics.scrape());
    }

    private static void plain(HttpServerRequest req, int status, String text) {
        req.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8")
                .end(io.vertx.core.buffer.Buffer.buffer(text.getBytes(StandardCharsets.UTF_8)));
    }
}
