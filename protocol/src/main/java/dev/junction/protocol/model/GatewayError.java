package dev.junction.protocol.model;

import java.time.Duration;
import java.util.Optional;

/**
 * An error in Junction's own terms. Each client protocol renders it in its own shape; the kind
 * decides the HTTP status.
 *
 * @param param the request field at fault, when there is one (OpenAI's {@code param})
 * @param code a machine-readable detail such as {@code model_not_found} or {@code invalid_api_key}
 *     (OpenAI's {@code code}); absent means the kind's default
 * @param retryAfter how long the caller should wait before retrying, when known
 */
public record GatewayError(
        Kind kind, String message, Optional<String> param, Optional<String> code, Optional<Duration> retryAfter) {

    public enum Kind {
        /** The request is malformed or asks for something impossible. */
        INVALID_REQUEST(400),
        /** No token, or a token that is wrong, revoked or expired. */
        AUTHENTICATION(401),
        /** A valid token that may not do this (model not allowed, address not allowed). */
        PERMISSION_DENIED(403),
        /** No such model or resource. */
        NOT_FOUND(404),
        /** Too many requests or tokens per unit of time, or too many at once. */
        RATE_LIMITED(429),
        /** The budget or quota is spent. */
        QUOTA_EXHAUSTED(429),
        /** The client took too long to send its request (headers or body). */
        REQUEST_TIMEOUT(408),
        /** The request body is larger than Junction accepts here. */
        PAYLOAD_TOO_LARGE(413),
        /** The request line's URL is longer than Junction accepts. */
        URI_TOO_LONG(414),
        /** The request's headers are larger than Junction accepts. */
        HEADERS_TOO_LARGE(431),
        /** The request line names an HTTP version other than 1.0 or 1.1. */
        HTTP_VERSION_NOT_SUPPORTED(505),
        /** Junction itself has no room for the request now (memory in use, or stopping): retry shortly. */
        OVERLOADED(503),
        /** Junction itself failed. */
        INTERNAL(500),
        /** The upstream rejected the operator's credential: a configuration fault, not the caller's. */
        UPSTREAM_AUTH(502),
        /** The upstream failed, answered garbage, or could not be reached. */
        UPSTREAM_ERROR(502),
        /** The upstream is overloaded or down for now. */
        UPSTREAM_UNAVAILABLE(503),
        /** The upstream did not answer in time. */
        UPSTREAM_TIMEOUT(504);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    public int status() {
        return kind.status();
    }

    public static GatewayError of(Kind kind, String message) {
        return new GatewayError(kind, message, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static GatewayError invalid(String param, String message) {
        return new GatewayError(Kind.INVALID_REQUEST, message, Optional.of(param), Optional.empty(), Optional.empty());
    }

    public GatewayError withMessage(String newMessage) {
        return new GatewayError(kind, newMessage, param, code, retryAfter);
    }

    public GatewayError withCode(String newCode) {
        return new GatewayError(kind, message, param, Optional.of(newCode), retryAfter);
    }

    public GatewayError withParam(String newParam) {
        return new GatewayError(kind, message, Optional.of(newParam), code, retryAfter);
    }

    public GatewayError withRetryAfter(Duration delay) {
        return new GatewayError(kind, message, param, code, Optional.of(delay));
    }
}
