package dev.junction.gateway.edge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * {@code /healthz}: the process is up. {@code /readyz}: it can serve now, with every named
 * check of {@link Readiness} and its verdict, 200 when ready and 503 when not (or draining).
 * Both answer at once on the event loop; neither needs a token: load balancers probe them.
 *
 * <pre>
 * {"status":"ready","checks":{"upstreams":{"ok":true,"detail":"2 configured, 0 cooling down"},...}}
 * </pre>
 */
public final class HealthHandlers {
    private final Readiness readiness;

    public HealthHandlers(Readiness readiness) {
        this.readiness = readiness;
    }

    void handle(HttpServerRequest req) {
        if (req.path().equals("/healthz")) {
            send(req.response(), 200, "{\"status\":\"ok\"}");
            return;
        }
        Readiness.Report report = readiness.report();
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("status", report.status());
        ObjectNode checks = body.putObject("checks");
        report.checks().forEach((name, result) -> checks.putObject(name).put("ok", result.ok())
                .put("detail", result.detail()));
        send(req.response(), report.ready() ? 200 : 503, body.toString());
    }

    private static void send(HttpServerResponse response, int status, String body) {
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(body);
    }
}
