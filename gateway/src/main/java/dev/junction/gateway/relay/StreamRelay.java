package dev.junction.gateway.relay;

import dev.junction.gateway.context.Downstream;
import dev.junction.gateway.context.Exchange;
import dev.junction.gateway.providers.Provider;
import dev.junction.gateway.providers.UpstreamResponse;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.sse.SseEvent;
import dev.junction.protocol.sse.SseException;
import dev.junction.protocol.sse.SseParser;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The relay loop of a stream: the one place that moves bytes from an upstream connection to a
 * client connection. Each chunk the upstream sends is split into events, the translator turns
 * them into client bytes, and whatever they complete is written at once, as one chunk: nothing
 * waits in a buffer. When the client reads slower than the upstream writes, the upstream is
 * paused until the client catches up. A client that goes away aborts the upstream request; an
 * upstream that fails, stalls past its read timeout, or sends garbage ends the client's stream
 * with an error event in the client's protocol.
 */
public final class StreamRelay {
    private final Exchange exchange;
    private final Provider upstream;
    private final UpstreamResponse response;
    private final StreamTranslator translator;
    private final Downstream client;
    private final SseParser parser = new SseParser();
    private boolean over;
    private long lastWriteNanos = System.nanoTime();
    private long keepAliveTimer = -1;
    private Vertx timers;

    private StreamRelay(Exchange exchange, Provider upstream, UpstreamResponse response, StreamTranslator translator) {
        this.exchange = exchange;
        this.upstream = upstream;
        this.response = response;
        this.translator = translator;
        this.client = exchange.downstream();
    }

    /** Starts relaying; the exchange finishes when the stream is over. */
    public static void start(Exchange exchange, Provider upstream, UpstreamResponse response,
            StreamTranslator translator) {
        new StreamRelay(exchange, upstream, response, translator).start();
    }

    private void start() {
        if (exchange.finished()) {
            response.cancel(); // the client left while the upstream was getting ready
            return;
        }
        exchange.onCancel(response::cancel);
        exchange.status(200);
        client.header("Cache-Control", "no-cache");
        client.header("X-Accel-Buffering", "no");
        client.open(200, translator.contentType());
        write(translator.onStart());
        startKeepAlive();
        response.stream(chunk -> guarded(() -> onChunk(chunk)), v -> guarded(this::onEnd), this::onFailure);
    }

    /**
     * While the upstream is silent (a model thinking before it answers), the client's protocol
     * may want a sign of life: the translator's keep-alive goes out whenever nothing was written
     * for its interval. The timer runs on the request's event loop.
     */
    private void startKeepAlive() {
        Optional<Duration> interval = translator.keepAlive();
        Context context = Vertx.currentContext();
        if (interval.isEmpty() || context == null) {
            return;
        }
        long nanos = interval.get().toNanos();
        timers = context.owner();
        keepAliveTimer = timers.setPeriodic(Math.max(1, interval.get().toMillis()), id -> guarded(() -> {
            if (!over && System.nanoTime() - lastWriteNanos >= nanos) {
                write(translator.onKeepAlive());
            }
        }));
    }

    /** A bug in a translator must still end the client's stream, with an error event. */
    private void guarded(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            System.getLogger(StreamRelay.class.getName()).log(System.Logger.Level.ERROR,
                    "relaying the stream of request " + exchange.requestId() + " failed", e);
            if (!over) {
                fail(GatewayError.of(GatewayError.Kind.INTERNAL,
                        "Junction failed while relaying the stream (request id " + exchange.requestId() + ")."));
            }
        }
    }

    private void onChunk(Buffer chunk) {
        if (over) {
            return;
        }
        List<SseEvent> events;
        try {
            events = parser.feed(chunk.getBytes());
        } catch (SseException e) {
            fail(GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR, "The upstream stream broke: " + e.getMessage()));
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(chunk.length() + 64);
        for (SseEvent event : events) {
            translator.onEvent(event).forEach(out::writeBytes);
            if (translator.done()) {
                end(out.toByteArray(), true);
                return;
            }
        }
        write(out.toByteArray());
        if (client.writeQueueFull()) {
            response.pause();
            client.onDrain(response::resume);
        }
    }

    private void onEnd() {
        if (over) {
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parser.finish().ifPresent(event -> translator.onEvent(event).forEach(out::writeBytes));
        if (!translator.done()) {
            translator.onEnd().forEach(out::writeBytes);
        }
        end(out.toByteArray(), false);
    }

    private void onFailure(Throwable failure) {
        if (!over) {
            fail(upstream.transport().failure(failure));
        }
    }

    private void fail(GatewayError failure) {
        GatewayError error = failure.withMessage(exchange.scrub(failure.message()));
        exchange.error(error);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        translator.onFailure(error).forEach(out::writeBytes);
        end(out.toByteArray(), true);
    }

    /**
     * Writes the stream's final chunk and ends it. The usage record is made before that chunk
     * goes out ({@link Downstream#writeLast}, or {@code end} when there is none), so that a
     * client holding the whole answer implies a record that survives a crash.
     *
     * @param abortUpstream whether the upstream response is still open and must be aborted
     */
    private void end(byte[] last, boolean abortUpstream) {
        over = true;
        if (keepAliveTimer >= 0) {
            timers.cancelTimer(keepAliveTimer);
        }
        if (last.length > 0) {
            lastWriteNanos = System.nanoTime();
            exchange.firstByte(lastWriteNanos);
            client.writeLast(last);
        }
        if (abortUpstream) {
            response.cancel();
        }
        client.end();
        exchange.finish();
    }

    private void write(List<byte[]> chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunks.forEach(out::writeBytes);
        write(out.toByteArray());
    }

    private void write(byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        client.write(bytes);
        lastWriteNanos = System.nanoTime();
        exchange.firstByte(lastWriteNanos);
    }
}
