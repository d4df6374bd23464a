package dev.junction.gateway.provider;

import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 to one upstream, with a pool of kept-alive connections. Blocking calls, made on the
 * request's virtual thread. Failures to connect or to get an answer in time become gateway
 * errors (502, 504) that never mention the credential.
 */
public final class UpstreamTransport implements AutoCloseable {
    private final String upstreamName;
    private final WebClient client;
    private final Duration readTimeout;

    public UpstreamTransport(String upstreamName, URI baseUrl, Duration connectTimeout, Duration readTimeout) {
        this.upstreamName = upstreamName;
        this.readTimeout = readTimeout;
        this.client = WebClient.builder()
                .baseUri(baseUrl)
                .shareConnectionCache(false)
                .connectionCacheSize(1024)
                .followRedirects(false)
                .socketOptions(s -> s.connectTimeout(connectTimeout).readTimeout(readTimeout))
                .build();
    }

    public UpstreamResponse send(UpstreamCall call) {
        HttpClientRequest request = client.method(Method.create(call.method())).uri(call.uri())
                .readTimeout(readTimeout);
        for (Map.Entry<String, String> header : call.headers().entrySet()) {
            request.header(HeaderNames.create(header.getKey()), header.getValue());
        }
        try {
            HttpClientResponse response = call.body() == null ? request.request() : request.submit(call.body());
            return new HelidonResponse(response);
        } catch (RuntimeException e) {
            throw new GatewayException(failure(e), e);
        }
    }

    /** What a failed exchange with the upstream means to the client. */
    public GatewayError failure(Throwable e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof InterruptedIOException) {
                return GatewayError.of(GatewayError.Kind.UPSTREAM_TIMEOUT,
                        "The upstream '" + upstreamName + "' did not answer in time.");
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR,
                        "Cannot reach the upstream '" + upstreamName + "'.");
            }
        }
        return GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR, "The connection to the upstream '" + upstreamName
                + "' failed (" + cause.getClass().getSimpleName() + ").");
    }

    @Override
    public void close() {
        client.closeResource();
    }

    private record HelidonResponse(HttpClientResponse response) implements UpstreamResponse {
        @Override
        public int status() {
            return response.status().code();
        }

        @Override
        public Optional<String> header(String name) {
            return response.headers().first(HeaderNames.create(name));
        }

        @Override
        public InputStream body() {
            return response.inputStream();
        }

        @Override
        public void close() {
            response.close();
        }
    }
}
