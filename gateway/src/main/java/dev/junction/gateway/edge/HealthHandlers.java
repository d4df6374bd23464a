package dev.junction.gateway.edge;

import dev.junction.gateway.store.Database;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.function.BooleanSupplier;

/**
 * {@code /healthz}: the process is up. {@code /readyz}: it can serve, meaning its database
 * answers and it has upstreams (the database check runs on a worker thread, never on the event
 * loop). Neither needs a token: load balancers probe them.
 */
public final class HealthHandlers {
    private final Vertx vertx;
    private final Database database;
    private final BooleanSupplier upstreamsConfigured;

    public HealthHandlers(Vertx vertx, Database database, BooleanSupplier upstreamsConfigured) {
        this.vertx = vertx;
        this.database = database;
        this.upstreamsConfigured = upstreamsConfigured;
    }

    void handle(HttpServerRequest req) {
        if (req.path().equals("/healthz")) {
            send(req.response(), 200, "{\"status\":\"ok\"}");
            return;
        }
        boolean upstreams = upstreamsConfigured.getAsBoolean();
        vertx.executeBlocking(database::isReachable).onComplete(result -> {
            boolean db = result.succeeded() && result.result();
            String body = "{\"status\":\"" + (db && upstreams ? "ready" : "not ready") + "\",\"database\":"
                    + (db ? "\"ok\"" : "\"unreachable\"") + ",\"upstreams\":" + (upstreams ? "\"ok\"" : "\"none\"") + "}";
            send(req.response(), db && upstreams ? 200 : 503, body);
        });
    }

    private static void send(HttpServerResponse response, int status, String body) {
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(body);
    }
}
