package dev.junction.gateway.edge;

import dev.junction.gateway.store.Database;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * {@code /healthz}: the process is up. {@code /readyz}: it can serve, meaning its database
 * answers and it has upstreams. Neither needs a token: load balancers probe them.
 */
public final class HealthHandlers {
    private final Database database;
    private final BooleanSupplier upstreamsConfigured;

    public HealthHandlers(Database database, BooleanSupplier upstreamsConfigured) {
        this.database = database;
        this.upstreamsConfigured = upstreamsConfigured;
    }

    public void health(ServerRequest req, ServerResponse res) {
        send(res, 200, "{\"status\":\"ok\"}");
    }

    public void ready(ServerRequest req, ServerResponse res) {
        boolean db = database.isReachable();
        boolean upstreams = upstreamsConfigured.getAsBoolean();
        String body = "{\"status\":\"" + (db && upstreams ? "ready" : "not ready") + "\",\"database\":"
                + (db ? "\"ok\"" : "\"unreachable\"") + ",\"upstreams\":" + (upstreams ? "\"ok\"" : "\"none\"") + "}";
        send(res, db && upstreams ? 200 : 503, body);
    }

    private static void send(ServerResponse res, int status, String body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(body.getBytes(StandardCharsets.UTF_8));
    }
}
