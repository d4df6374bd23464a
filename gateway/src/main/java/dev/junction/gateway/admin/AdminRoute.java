package dev.junction.gateway.admin;

import dev.junction.gateway.concurrent.Blocking;
import dev.junction.gateway.http.LingeringClose;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.openai.OpenAiErrors;
import io.vertx.core.Future;
import dev.junction.gateway.context.QueryStrings;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Serves {@code /admin/v1/...} in three steps: the caller is authenticated from its headers
 * before a byte of its body is read (a refused request's body never is, and its connection is
 * closed after the answer); the body is read on the event loop while it streams in, and refused
 * with a 413 the moment it passes {@value #MAX_BODY} bytes (or says it will); then
 * {@link AdminHandler}, which works on the database, answers on a virtual thread.
 */
public final class AdminRoute implements Handler<HttpServerRequest> {
    static final int MAX_BODY = 1024 * 1024;

    private final AdminHandler admin;

    public AdminRoute(AdminHandler admin) {
        this.admin = admin;
    }

    @Override
    public void handle(HttpServerRequest req) {
        Optional<AdminReply> refused = admin.refusal(Optional.ofNullable(req.getHeader("Authorization")));
        if (refused.isPresent()) {
            answerAndClose(req, refused.get());
            return;
        }
        if (declaredLength(req) > MAX_BODY) {
            answerAndClose(req, tooLarge());
            return;
        }
        if ("100-continue".equalsIgnoreCase(req.getHeader("Expect"))) {
            req.response().writeContinue();
        }
        Buffer body = Buffer.buffer();
        boolean[] over = {false};
        req.handler(chunk -> {
            if (over[0]) {
                return;
            }
            if (body.length() + chunk.length() > MAX_BODY) {
                over[0] = true;
                answerAndClose(req, tooLarge());
                return;
            }
            body.appendBuffer(chunk);
        });
        req.exceptionHandler(e -> {
            if (!over[0]) {
                over[0] = true;
                answerAndClose(req, new AdminReply(400, OpenAiErrors.encode(GatewayError.invalid("body",
                        "The admin request body could not be read completely."))));
            }
        });
        req.endHandler(v -> {
            if (!over[0]) {
                serve(req, body.getBytes());
            }
        });
    }

    private void serve(HttpServerRequest req, byte[] body) {
        AdminRequest request = new AdminRequest(req.method().name(), req.path(),
                name -> QueryStrings.first(req.query(), name), Optional.ofNullable(req.getHeader("Authorization")),
                req.remoteAddress() == null ? "" : req.remoteAddress().hostAddress(), body);
        Blocking.run(() -> admin.handle(request)).onComplete(reply -> {
            AdminReply answer = reply.succeeded() ? reply.result()
                    : new AdminReply(500, ("{\"error\":{\"message\":\"The admin request failed inside Junction.\","
                            + "\"type\":\"server_error\",\"param\":null,\"code\":null}}")
                            .getBytes(StandardCharsets.UTF_8));
            send(req, answer);
        });
    }

    private static AdminReply tooLarge() {
        return new AdminReply(413, OpenAiErrors.encode(GatewayError.of(GatewayError.Kind.PAYLOAD_TOO_LARGE,
                "The admin request body is larger than 1 MB.").withParam("body")));
    }

    /** Answers without reading (the rest of) the body, which is why the connection cannot be kept: it closes once the rest is drained. */
    private static void answerAndClose(HttpServerRequest req, AdminReply reply) {
        req.handler(null);
        req.response().putHeader("Connection", "close");
        LingeringClose.after(req, send(req, reply));
    }

    private static Future<Void> send(HttpServerRequest req, AdminReply answer) {
        if (req.response().ended() || req.response().closed()) {
            return Future.succeededFuture();
        }
        return req.response().setStatusCode(answer.status())
                .putHeader("Content-Type", "application/json; charset=UTF-8")
                .putHeader("Cache-Control", "no-store")
                .end(Buffer.buffer(answer.body()));
    }

    private static long declaredLength(HttpServerRequest req) {
        String length = req.getHeader("Content-Length");
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
