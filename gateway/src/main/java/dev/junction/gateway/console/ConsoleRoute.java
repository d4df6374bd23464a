package dev.junction.gateway.console;

import dev.junction.gateway.concurrent.Blocking;
import dev.junction.gateway.http.LingeringClose;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Optional;

/**
 * Serves {@code /console} and everything under it: reads the body on the event loop while it
 * streams in, refusing it with a 413 the moment it passes {@value #MAX_BODY} bytes (or says it
 * will), then lets {@link Console}, which may work on the database, answer on a virtual thread.
 */
public final class ConsoleRoute implements Handler<HttpServerRequest> {
    static final int MAX_BODY = 256 * 1024;

    private final Console console;

    public ConsoleRoute(Console console) {
        this.console = console;
    }

    @Override
    public void handle(HttpServerRequest req) {
        if (declaredLength(req) > MAX_BODY) {
            refuse(req, tooLarge());
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] done = {false};
        req.handler(chunk -> {
            if (done[0]) {
                return;
            }
            if (body.length() + chunk.length() > MAX_BODY) {
                done[0] = true;
                refuse(req, tooLarge());
                return;
            }
            body.appendBuffer(chunk);
        });
        req.exceptionHandler(e -> {
            if (!done[0]) {
                done[0] = true;
                refuse(req, Console.error(400, "invalid_request", "The console request body could not be read."));
            }
        });
        req.endHandler(v -> {
            if (done[0]) {
                return;
            }
            done[0] = true;
            ConsoleCall call = new ConsoleCall(req.method().name(), req.path(),
                    name -> Optional.ofNullable(req.getParam(name)), name -> Optional.ofNullable(req.getHeader(name)),
                    req.isSSL(), req.remoteAddress() == null ? "" : req.remoteAddress().hostAddress(), body.getBytes());
            Blocking.run(() -> console.handle(call)).onComplete(reply -> send(req.response(), reply.succeeded()
                    ? reply.result() : Console.error(500, "internal", "The console request failed inside Junction.")));
        });
    }

    private static long declaredLength(HttpServerRequest req) {
        try {
            String length = req.getHeader("Content-Length");
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static ConsoleReply tooLarge() {
        return Console.error(413, "request_too_large", "A console request body may be at most " + MAX_BODY / 1024
                + " KB.");
    }

    /** Answers before the body has been read; the connection cannot be kept, so it closes once the rest is drained. */
    private static void refuse(HttpServerRequest req, ConsoleReply reply) {
        req.handler(null);
        LingeringClose.after(req, send(req.response(), reply.with("Connection", "close")));
    }

    private static Future<Void> send(HttpServerResponse response, ConsoleReply reply) {
        if (response.ended() || response.closed()) {
            return Future.succeededFuture();
        }
        response.setStatusCode(reply.status());
        reply.headers().forEach(response::putHeader);
        return response.end(Buffer.buffer(reply.body()));
    }
}
