package dev.junction.gateway.console;

import dev.junction.gateway.concurrent.Blocking;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Optional;

/**
 * Serves {@code /console} and everything under it: reads the (small, bounded) body on the event
 * loop, then lets {@link Console}, which may work on the database, answer on a virtual thread.
 */
public final class ConsoleRoute implements Handler<HttpServerRequest> {
    private static final int MAX_BODY = 1024 * 1024;

    private final Console console;

    public ConsoleRoute(Console console) {
        this.console = console;
    }

    @Override
    public void handle(HttpServerRequest req) {
        req.body().onComplete(body -> {
            if (body.failed() || body.result().length() > MAX_BODY) {
                send(req.response(), Console.error(400, "invalid_request",
                        "The console request body could not be read or is over 1 MB."));
                return;
            }
            ConsoleCall call = new ConsoleCall(req.method().name(), req.path(),
                    name -> Optional.ofNullable(req.getParam(name)), name -> Optional.ofNullable(req.getHeader(name)),
                    req.isSSL(), req.remoteAddress() == null ? "" : req.remoteAddress().hostAddress(),
                    body.result().getBytes());
            Blocking.run(() -> console.handle(call)).onComplete(reply -> send(req.response(), reply.succeeded()
                    ? reply.result() : Console.error(500, "internal", "The console request failed inside Junction.")));
        });
    }

    private static void send(HttpServerResponse response, ConsoleReply reply) {
        response.setStatusCode(reply.status());
        reply.headers().forEach(response::putHeader);
        response.end(Buffer.buffer(reply.body()));
    }
}
