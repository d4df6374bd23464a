package dev.junction.gateway.edge;

import java.io.OutputStream;

/**
 * The response to the client. Either {@link #send} once, or {@link #open} a stream and write to
 * it; headers go before either. Writes to a client that went away throw
 * {@link java.io.UncheckedIOException} or {@link java.io.IOException}.
 */
public interface Downstream {
    void header(String name, String value);

    void send(int status, String contentType, byte[] body);

    /** Starts a streamed response; the caller flushes after each event and closes at the end. */
    OutputStream open(int status, String contentType);

    /** Whether the status line has gone out (after which no error can change it). */
    boolean committed();
}
