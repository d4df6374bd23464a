package dev.junction.gateway.relay;

import dev.junction.gateway.edge.Exchange;
import dev.junction.gateway.provider.Upstream;
import dev.junction.gateway.provider.UpstreamResponse;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.sse.SseEvent;
import dev.junction.protocol.sse.SseException;
import dev.junction.protocol.sse.SseParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * The relay loop of a stream: the one place that moves bytes from an upstream socket to a client
 * socket. It reads whatever the upstream has sent, splits it into events, lets the translator
 * turn them into client bytes, and flushes after every read that completed an event, so nothing
 * waits in a buffer. A client that goes away closes the upstream response, which aborts the
 * upstream request; an upstream that fails, stalls past its read timeout, or sends garbage ends
 * the client's stream with an error event in the client's protocol.
 */
public final class StreamRelay {
    private static final int READ_BUFFER = 8192;

    private StreamRelay() {}

    public static void run(Exchange exchange, Upstream upstream, UpstreamResponse response,
            StreamTranslator translator) {
        exchange.downstream().header("Cache-Control", "no-cache");
        exchange.downstream().header("X-Accel-Buffering", "no");
        exchange.status(200);
        try (response) {
            OutputStream out = exchange.downstream().open(200, translator.contentType());
            write(exchange, out, translator.onStart());
            pump(exchange, upstream, response, translator, out);
        } catch (ClientGoneException e) {
            exchange.clientGone(true);
        }
    }

    private static void pump(Exchange exchange, Upstream upstream, UpstreamResponse response,
            StreamTranslator translator, OutputStream out) {
        SseParser parser = new SseParser();
        byte[] buffer = new byte[READ_BUFFER];
        try {
            InputStream in = response.body();
            int n;
            while ((n = read(in, buffer)) >= 0) {
                List<SseEvent> events = parser.feed(buffer, 0, n);
                for (SseEvent event : events) {
                    write(exchange, out, translator.onEvent(event));
                    if (translator.done()) {
                        flush(out);
                        close(out);
                        return;
                    }
                }
                if (!events.isEmpty()) {
                    flush(out);
                }
            }
            parser.finish().ifPresent(event -> write(exchange, out, translator.onEvent(event)));
            write(exchange, out, translator.onEnd());
            flush(out);
            close(out);
        } catch (UpstreamReadException | SseException e) {
            GatewayError error = e instanceof UpstreamReadException u
                    ? upstream.transport().failure(u.getCause())
                    : GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR, "The upstream stream broke: " + e.getMessage());
            exchange.error(error);
            write(exchange, out, translator.onFailure(error));
            flush(out);
            close(out);
        }
    }

    private static int read(InputStream in, byte[] buffer) {
        try {
            return in.read(buffer);
        } catch (IOException | RuntimeException e) {
            throw new UpstreamReadException(e);
        }
    }

    private static void write(Exchange exchange, OutputStream out, List<byte[]> chunks) {
        if (chunks.isEmpty()) {
            return;
        }
        try {
            for (byte[] chunk : chunks) {
                out.write(chunk);
            }
        } catch (IOException | RuntimeException e) {
            // Helidon reports a vanished client as ServerConnectionException, others as I/O errors.
            throw new ClientGoneException(e);
        }
        exchange.firstByte(System.nanoTime());
    }

    private static void flush(OutputStream out) {
        try {
            out.flush();
        } catch (IOException | RuntimeException e) {
            throw new ClientGoneException(e);
        }
    }

    private static void close(OutputStream out) {
        try {
            out.close();
        } catch (IOException | RuntimeException e) {
            throw new ClientGoneException(e);
        }
    }

    /** Reading from the upstream failed (reset, timeout, broken chunking). */
    private static final class UpstreamReadException extends RuntimeException {
        UpstreamReadException(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
