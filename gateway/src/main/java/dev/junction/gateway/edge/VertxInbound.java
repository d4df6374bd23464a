package dev.junction.gateway.edge;

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
import java.util.Optional;

/** A Vert.x request seen through {@link InboundRequest}. */
final class VertxInbound implements InboundRequest {
    private final HttpServerRequest request;

    VertxInbound(HttpServerRequest request) {
        this.request = request;
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
        return address == null ? "" : address.hostAddress();
    }

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
        Buffer received = Buffer.buffer(declared > 0 ? (int) declared : 1024);
        request.handler(chunk -> {
            if (received.length() + chunk.length() > maxBytes) {
                if (body.tryFail(tooLarge(maxBytes))) {
                    request.handler(null);
                }
                return;
            }
            received.appendBuffer(chunk);
        });
        request.exceptionHandler(e -> body.tryFail(new GatewayException(
                GatewayError.invalid("body", "The request body could not be read completely."), e)));
        request.endHandler(v -> body.tryComplete(received.getBytes()));
        return body.future();
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
        return new GatewayException(GatewayError.invalid("body",
                "The request body is larger than the limit of " + BodyReader.describe(maxBytes) + "."));
    }
}
