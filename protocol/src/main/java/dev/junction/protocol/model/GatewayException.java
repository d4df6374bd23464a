package dev.junction.protocol.model;

/** Carries a {@link GatewayError} up to the code that renders it in the caller's protocol. */
public class GatewayException extends RuntimeException {
    private final GatewayError error;

    public GatewayException(GatewayError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public GatewayException(GatewayError error, Throwable cause) {
        super(error.message(), cause, false, false);
        this.error = error;
    }

    public GatewayError error() {
        return error;
    }

    public static GatewayException invalid(String param, String message) {
        return new GatewayException(GatewayError.invalid(param, message));
    }
}
