package dev.junction.gateway.edge;

import dev.junction.gateway.context.ClientApi;
import dev.junction.gateway.context.InboundRequest;
import dev.junction.gateway.filter.RequestIdFilter;
import dev.junction.protocol.model.GatewayError;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Answers for what goes wrong below the doors, in HTTP itself (a request line or headers that do
 * not parse, a bad chunk, a client too slow): the status HTTP prescribes, with a JSON body in the
 * shape of the door the path belongs to (OpenAI's when the path is unknown or unreadable), the
 * request id headers, and {@code Connection: close}, since the connection cannot be trusted after.
 */
public final class HttpErrors {
    private final Router router;
    private final Supplier<String> requestIds;

    public HttpErrors(Router router, Supplier<String> requestIds) {
        this.router = router;
        this.requestIds = requestIds;
    }

    /**
     * @param method the request's method, or empty when the request line did not parse
     * @param path the request's path, or empty when the request line did not parse
     * @param clientRequestId the client's {@code x-request-id}, if its headers were read
     */
    FullHttpResponse response(String method, String path, Optional<String> clientRequestId, GatewayError error) {
        ClientApi api = router.api(new LineOnly(method, path));
        byte[] body = api.errorBody(error);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(api.status(error)), Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=UTF-8")
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, "close")
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        error.retryAfter().ifPresent(d -> response.headers().set(HttpHeaderNames.RETRY_AFTER,
                Long.toString(Math.max(1, (d.toMillis() + 999) / 1000))));
        RequestIdFilter.echo(clientRequestId, requestIds.get(), response.headers()::set);
        return response;
    }

    /** A request known by its request line only: enough to find the door it was meant for. */
    private record LineOnly(String method, String path) implements InboundRequest {
        LineOnly {
            path = path.isEmpty() ? "/" : path;
        }

        @Override
        public Optional<String> query(String name) {
            return Optional.empty();
        }

        @Override
        public Optional<String> header(String name) {
            return Optional.empty();
        }

        @Override
        public String remoteAddress() {
            return "";
        }

        @Override
        public Future<byte[]> body(long maxBytes) {
            return Future.failedFuture(new IllegalStateException("no body"));
        }
    }
}
