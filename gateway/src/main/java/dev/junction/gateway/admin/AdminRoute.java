package dev.junction.gateway.admin;

import dev.junction.gateway.concurrent.Blocking;
import dev.junction.gateway.context.QueryStrings;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Serves {@code /admin/v1/...}: reads the (small, bounded) body on the event loop, then lets
 * {@link AdminHandler}, which works on the database, answer on a virtual thread.
 */
public final class AdminRoute implements Handler<HttpServerRequest> {
    private static final int MAX_BODY = 1024 * 1024;

    private final AdminHandler admin;

    public AdminRoute(AdminHandler admin) {
        this.admin = admin;
    }

    @Override
    public void handle(HttpServerRequest req) {
        req.body().onComplete(body -> {
            if (body.failed() || body.result().length() > MAX_BODY) {
                req.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                        .end("{\"error\":{\"message\":\"The admin request body could not be read or is over 1 MB.\","
                                + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}");
                return;
            }
            AdminRequest request = new AdminRequest(req.method().name(), req.path(),
                    name -> QueryStrings.first(req.query(), name), Optional.ofNullable(req.getHeader("Authorization")),
                    req.remoteAddress() == null ? "" : req.remoteAddress().hostAddress(), body.result().getBytes());
            Blocking.run(() -> admin.handle(request)).onComplete(reply -> {
                AdminReply answer = reply.succeeded() ? reply.result()
                        : new AdminReply(500, ("{\"error\":{\"message\":\"The admin request failed inside Junction.\","
                                + "\"type\":\"server_error\",\"param\":null,\"code\":null}}")
                                .getBytes(StandardCharsets.UTF_8));
                req.response().setStatusCode(answer.status())
                        .putHeader("Content-Type", "application/json; charset=UTF-8")
                        .putHeader("Cache-Control", "no-store")
                        .end(Buffer.buffer(answer.body()));
            });
        });
    }
}
