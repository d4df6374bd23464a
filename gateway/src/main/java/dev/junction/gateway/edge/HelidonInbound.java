package dev.junction.gateway.edge;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;

/** A Helidon request seen through {@link InboundRequest}. */
final class HelidonInbound implements InboundRequest {
    private final ServerRequest request;

    HelidonInbound(ServerRequest request) {
        this.request = request;
    }

    @Override
    public String method() {
        return request.prologue().method().text();
    }

    @Override
    public String path() {
        return request.path().rawPath();
    }

    @Override
    public Optional<String> query(String name) {
        return request.query().first(name).asOptional();
    }

    @Override
    public Optional<String> header(String name) {
        return request.headers().first(HeaderNames.create(name));
    }

    @Override
    public String remoteAddress() {
        SocketAddress address = request.remotePeer().address();
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return address.toString();
    }

    @Override
    public InputStream body() {
        return request.content().inputStream();
    }
}
