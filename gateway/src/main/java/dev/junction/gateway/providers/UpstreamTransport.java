package dev.junction.gateway.providers;

import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * HTTP/1.1 to one upstream over a pool of kept-alive connections, without blocking. The read
 * timeout bounds every silence of the upstream, before and inside a response; the answer timeout
 * bounds how long a whole (not streamed) answer may take, from the request to its last byte,
 * however steadily its bytes trickle in. Failures to
 * connect or to get an answer in time become gateway errors (502, 504) that never mention the
 * credential.
 */
public final class UpstreamTransport implements AutoCloseable {
    /** Connections per upstream: enough for thousands of concurrent streams, each holding one. */
    private static final int POOL_SIZE = 10_000;

    private final String upstreamName;
    private final HttpClient client;
    private final long connectMillis;
    private final long readMillis;
    private final long answerMillis;

    public UpstreamTransport(Vertx vertx, String upstreamName, boolean tls, Duration connectTimeout,
            Duration readTimeout, Duration answerTimeout) {
        this.upstreamName = upstreamName;
        this.connectMillis = connectTimeout.toMillis();
        this.readMillis = readTimeout.toMillis();
        this.answerMillis = answerTimeout.toMillis();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                        .setKeepAlive(true)
                        .setTcpNoDelay(true)
                        .setSsl(tls)
                        .setForceSni(true)
                        .setDecompressionSupported(false)
                        .setMaxInitialLineLength(16 * 1024),
                new PoolOptions().setHttp1MaxSize(POOL_SIZE));
    }

    /** The transport to a configured upstream: its base URL's scheme, its timeouts. */
    public static UpstreamTransport to(Vertx vertx, dev.junction.gateway.config.UpstreamSettings settings) {
        return to(vertx, settings, settings.baseUrl());
    }

    /** The transport to a configured upstream at {@code host} (one the provider derived, e.g. a region's). */
    public static UpstreamTransport to(Vertx vertx, dev.junction.gateway.config.UpstreamSettings settings, URI host) {
        return new UpstreamTransport(vertx, settings.name(), "https".equals(host.getScheme()),
                settings.connectTimeout(), settings.readTimeout(), settings.answerTimeout());
    }

    /** A call on its way: its response (head) to come, and how to abort it before then. */
    public record Sent(Future<UpstreamResponse> response, Runnable cancel) {}

    public Future<UpstreamResponse> send(UpstreamCall call) {
        return start(call).response();
    }

    /**
     * Sends {@code call}; {@link Sent#cancel()} aborts it (closing its connection) while the
     * answer's head has not come, as when the client leaves first. After the head, cancel the
     * {@link UpstreamResponse} instead.
     */
    public Sent start(UpstreamCall call) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.valueOf(call.method()))
                .setAbsoluteURI(call.uri().toString())
                .setConnectTimeout(connectMillis)
                .setIdleTimeout(readMillis)
                .setFollowRedirects(false);
        for (Map.Entry<String, String> header : call.headers().entrySet()) {
            options.putHeader(header.getKey(), header.getValue());
        }
        long sentNanos = System.nanoTime();
        io.vertx.core.http.HttpClientRequest[] open = new io.vertx.core.http.HttpClientRequest[1];
        boolean[] cancelled = {false};
        Future<UpstreamResponse> response = connection(options)
                .compose(request -> {
                    open[0] = request;
                    if (cancelled[0]) {
                        request.reset();
                        return Future.failedFuture(new java.util.concurrent.CancellationException("cancelled"));
                    }
                    return call.body() == null ? request.send() : request.send(Buffer.buffer(call.body()));
                })
                .<UpstreamResponse>map(r -> new VertxResponse(r, readMillis, sentNanos + answerMillis * 1_000_000))
                .recover(e -> Future.failedFuture(new GatewayException(failure(e), e)));
        return new Sent(response, () -> {
            cancelled[0] = true;
            if (open[0] != null) {
                open[0].reset();
            }
        });
    }

    /**
     * A request on a connection of the pool. A connection that fails while it is being opened or
     * taken from the pool (reset, closed by the upstream while idle) has carried nothing of the
     * request, so one more is tried at once; a connect timeout or refusal is not retried here
     * (the upstream is down: failover decides).
     */
    private Future<io.vertx.core.http.HttpClientRequest> connection(RequestOptions options) {
        return client.request(options).recover(e -> {
            if (e instanceof ConnectException || e instanceof UnknownHostException
                    || e instanceof io.netty.channel.ConnectTimeoutException || e instanceof TimeoutException) {
                return Future.failedFuture(e);
            }
            return client.request(options);
        });
    }

    /** What a failed exchange with the upstream means to the client. */
    public GatewayError failure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof GatewayException g) {
                return g.error();
            }
            if (t instanceof TimeoutException) {
                return GatewayError.of(GatewayError.Kind.UPSTREAM_TIMEOUT,
                        "The upstream '" + upstreamName + "' did not answer in time.");
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof io.netty.channel.ConnectTimeoutException) {
                return GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR,
                        "Cannot reach the upstream '" + upstreamName + "'.");
            }
            if (t instanceof HttpClosedException) {
                return GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR,
                        "The upstream '" + upstreamName + "' closed the connection before the answer was complete.");
            }
        }
        return GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR, "The connection to the upstream '" + upstreamName
                + "' failed (" + e.getClass().getSimpleName() + ").");
    }

    @Override
    public void close() {
        client.close();
    }

    /**
     * The client's own idle timeout covers the wait for the response head only; a body that
     * stalls half-way is caught here: a timer per response, checking every so often whether any
     * bytes came within the read timeout and, for a whole answer, whether it is past its deadline.
     */
    private static final class VertxResponse implements UpstreamResponse {
        private final HttpClientResponse response;
        private final long readMillis;
        private final long answerDeadline;
        private long lastBytes = System.nanoTime();
        private long watch = -1;
        private boolean paused;

        /** @param answerDeadline the {@link System#nanoTime()} by which a whole answer must be in */
        VertxResponse(HttpClientResponse response, long readMillis, long answerDeadline) {
            this.response = response;
            this.readMillis = readMillis;
            this.answerDeadline = answerDeadline;
        }

        private void watch(Handler<Throwable> failure, boolean whole) {
            Vertx vertx = Vertx.currentContext() == null ? null : Vertx.currentContext().owner();
            if (vertx == null) {
                return;
            }
            long every = Math.max(10, Math.min(readMillis / 4, 5_000));
            if (whole) {
                every = Math.max(10, Math.min(every, (answerDeadline - System.nanoTime()) / 4_000_000));
            }
            watch = vertx.setPeriodic(every, id -> {
                long now = System.nanoTime();
                String late = !paused && now - lastBytes > readMillis * 1_000_000
                        ? "no data from the upstream for " + readMillis + " ms"
                        : whole && now - answerDeadline > 0 ? "the upstream's answer took longer than its answer_timeout"
                        : null;
                if (late != null) {
                    vertx.cancelTimer(id);
                    failure.handle(new TimeoutException(late));
                    response.request().reset();
                }
            });
        }

        private void unwatch() {
            if (watch >= 0) {
                Vertx.currentContext().owner().cancelTimer(watch);
                watch = -1;
            }
        }

        @Override
        public int status() {
            return response.statusCode();
        }

        @Override
        public Optional<String> header(String name) {
            return Optional.ofNullable(response.getHeader(name));
        }

        @Override
        public Future<byte[]> readAll(int limit) {
            return readBuffer(limit, ResponseBudget.UNLIMITED).map(Buffer::getBytes);
        }

        @Override
        public Future<Buffer> readBuffer(int limit, ResponseBudget budget) {
            Promise<Buffer> body = Promise.promise();
            Buffer received = Buffer.buffer();
            long[] held = {0};
            body.future().onComplete(done -> {
                if (done.failed()) {
                    budget.release(held[0]); // a success hands its bytes over to whoever holds the body
                }
            });
            watch(body::tryFail, true);
            body.future().onComplete(done -> unwatch());
            response.handler(chunk -> {
                lastBytes = System.nanoTime();
                if (body.future().isComplete()) {
                    return;
                }
                if (received.length() + chunk.length() > limit) {
                    if (body.tryFail(new GatewayException(GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR,
                            "The upstream's answer is larger than " + limit + " bytes, the most Junction takes "
                                    + "whole.")))) {
                        cancel();
                    }
                    return;
                }
                if (!budget.tryAcquire(chunk.length())) {
                    if (body.tryFail(new GatewayException(GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR,
                            "Junction is holding too many large upstream answers at once to take this one; "
                                    + "retry shortly.")))) {
                        cancel();
                    }
                    return;
                }
                held[0] += chunk.length();
                received.appendBuffer(chunk);
            });
            response.exceptionHandler(body::tryFail);
            response.endHandler(v -> body.tryComplete(received));
            return body.future();
        }

        @Override
        public void stream(Handler<Buffer> chunk, Handler<Void> end, Handler<Throwable> failure) {
            boolean[] over = {false};
            Handler<Throwable> once = e -> {
                if (!over[0]) {
                    over[0] = true;
                    unwatch();
                    failure.handle(e);
                }
            };
            watch(once, false);
            response.exceptionHandler(once);
            response.endHandler(v -> {
                if (!over[0]) {
                    over[0] = true;
                    unwatch();
                    end.handle(v);
                }
            });
            response.handler(bytes -> {
                lastBytes = System.nanoTime();
                chunk.handle(bytes);
            });
        }

        /** While paused (the client reads slowly) the upstream's silence is Junction's doing, not a stall. */
        @Override
        public void pause() {
            paused = true;
            response.pause();
        }

        @Override
        public void resume() {
            paused = false;
            lastBytes = System.nanoTime();
            response.resume();
        }

        @Override
        public void cancel() {
            unwatch();
            response.request().reset();
        }
    }
}
