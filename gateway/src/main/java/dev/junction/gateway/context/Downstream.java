package dev.junction.gateway.context;

/**
 * The response to the client, written without blocking. Either {@link #send} once, or
 * {@link #open} a stream, {@link #write} chunks and {@link #end} it; headers go before either.
 * Writes to a client that went away are dropped: {@link #onClose} tells when that happens.
 */
public interface Downstream {
    void header(String name, String value);

    void send(int status, String contentType, byte[] body);

    /** Starts a streamed (chunked) response. */
    void open(int status, String contentType);

    /** Sends one chunk now (the bytes of one or more events). */
    void write(byte[] chunk);

    /**
     * Sends the stream's last chunk, to be followed by {@link #end}: the exchange's usage record
     * is made before it goes out (see {@link Exchange}). By default the same as {@link #write}.
     */
    default void writeLast(byte[] chunk) {
        write(chunk);
    }

    void end();

    /** Whether the status line has gone out (after which no error can change it). */
    boolean committed();

    /** Whether writes are queueing up faster than the client reads them. */
    boolean writeQueueFull();

    /** Runs {@code action} once when the write queue has room again. */
    void onDrain(Runnable action);

    /** Runs {@code action} if the client closes the connection before the response has ended. */
    void onClose(Runnable action);
}
