package dev.junction.protocol.sse;

/** The peer sent an event stream Junction will not read further. */
public final class SseException extends RuntimeException {
    public SseException(String message) {
        super(message);
    }
}
