package dev.junction.gateway.relay;

/** Writing to the client failed: it closed the connection. */
final class ClientGoneException extends RuntimeException {
    ClientGoneException(Throwable cause) {
        super("the client went away", cause, false, false);
    }
}
