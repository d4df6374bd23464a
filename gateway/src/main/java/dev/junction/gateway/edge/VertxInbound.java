package dev.junction.gateway.edge;

import dev.junction.gateway.concurrent.ByteBudget;
import dev.junction.gateway.filter.BodyReader;
import dev.junction.gateway.context.InboundRequest;
import dev.junction.gateway.context.QueryStrings;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A Vert.x request seen through {@link InboundRequest}. Confined to the request's event loop. */
final class VertxInbound implements InboundRequest {
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final HttpServerRequest request;
    private final ByteBudget memory;
    private long taken;
    private boolean released;

    private final ClientAddresses clients;

    /**
     * @param memory the request bytes all requests together may hold
     * @param clients who the client is behind trusted proxies
     */
    VertxInbound(HttpServerRequest request, ByteBudget memory, ClientAddresses clients) {
        this.request = request;
        this.memory = memory;
        this.clients = clients;
    }

    @Override
    public String method() {
        return request.method().name();
    }

    @Override
    public String path() {
        return request.path();
    }

    @Override
    public Optional<String> query(String name) {
        return QueryStrings.first(request.query(), name);
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(request.getHeader(name));
    }

    @Override
    public String remoteAddress() {
        SocketAddress address = request.remoteAddress();
        String peer = address == null ? "" : address.hostAddress();
        List<String> forwarded = request.headers().getAll("X-Forwarded-For");
        return clients.of(peer, forwarded.isEmpty() ? Optional.empty() : Optional.of(String.join(",", forwarded)));
    }

    /**
     * Reads the body as it arrives, taking each chunk from the memory budget: the declared
     * {@code Content-Length} is checked against {@code maxBytes} but never allocated, so a
     * client that announces 20 MB and sends 10 bytes holds 10 bytes. A chunk the budget cannot
     * hold fails the request with a 503 and {@code Retry-After}; what was taken is given back
     * at once then, else by {@link #release} when the request ends.
     */
    @Override
    public Future<byte[]> body(long maxBytes) {
        long declared = contentLength();
        if (declared > maxBytes) {
            return Future.failedFuture(tooLarge(maxBytes));
        }
        if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
            request.response().writeContinue();
        }
        Promise<byte[]> body = Promise.promise();
        List<Buffer> chunks = new ArrayList<>();
        long[] length = {0};
        request.handler(chunk -> {
            if (body.future().isComplete()) {
                return;
            }
            if (length[0] + chunk.length() > maxBytes) {
                fail(body, tooLarge(maxBytes), chunks);
                return;
            }
            if (released || !memory.tryTake(chunk.length())) {
                fail(body, new GatewayException(GatewayError.of(GatewayError.Kind.OVERLOADED,
                        "Junction is holding as many request bodies as its memory allows; retry shortly.")
                        .withCode("overloaded").withRetryAfter(RETRY_AFTER)), chunks);
                return;
            }
            taken += chunk.length();
            length[0] += chunk.length();
            chunks.add(chunk);
        });
        request.exceptionHandler(e -> fail(body, new GatewayException(
                GatewayError.invalid("body", "The request body could not be read completely."), e), chunks));
        request.endHandler(v -> {
            if (body.future().isComplete()) {
                return;
            }
            byte[] whole = new byte[(int) length[0]];
            int at = 0;
            for (Buffer chunk : chunks) {
                chunk.getBytes(whole, at);
                at += chunk.length();
            }
            chunks.clear();
            body.tryComplete(whole);
        });
        return body.future();
    }

    private void fail(Promise<byte[]> body, GatewayException error, List<Buffer> chunks) {
        if (body.tryFail(error)) {
            chunks.clear();
            release();
            request.handler(null);
        }
    }

    /** Gives back the memory this request's body took. Idempotent; later chunks are refused. */
    void release() {
        released = true;
        memory.giveBack(taken);
        taken = 0;
    }

    private long contentLength() {
        String length = request.getHeader("Content-Length");
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static GatewayException tooLarge(long maxBytes) {
        return new GatewayException(GatewayError.of(GatewayError.Kind.PAYLOAD_TOO_LARGE,
                "The request body is larger than the limit of " + BodyReader.describe(maxBytes) + ".").withParam("body"));
    }
}
