package dev.junction.protocol.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayError.Kind;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Anthropic's error shape, {@code {"type":"error","error":{"type","message"}}}, both ways: what
 * an Anthropic upstream's error means to Junction, and how Junction tells a caller of its
 * Anthropic door.
 *
 * <p>Read: the error's {@code type} decides, its HTTP status only when the body has none. The
 * operator's key at fault ({@code authentication_error}) is {@link Kind#UPSTREAM_AUTH}, never
 * the caller's 401; a {@code permission_error} (403) is about what was asked, not the key, and
 * goes back to the caller as the 403 it is ({@link Kind#PERMISSION_DENIED}); {@code billing_error} and a
 * {@code rate_limit_error} whose detail says the spend limit was reached are a spent quota; other
 * rate limits keep their {@code retry-after}; {@code overloaded_error} (529) is
 * {@link Kind#UPSTREAM_UNAVAILABLE}, so failover moves on to another upstream.
 */
public final class AnthropicErrors {
    /** Anthropic's own status for an overloaded API. */
    public static final int OVERLOADED_STATUS = 529;

    private AnthropicErrors() {}

    /**
     * What an upstream error answer means; never fails, whatever the body.
     *
     * @param retryAfter the {@code retry-after} header (seconds), when the upstream sent one
     */
    public static GatewayError decode(int status, byte[] body, Optional<String> retryAfter) {
        JsonNode error = errorObject(body);
        GatewayError decoded = decode(status, error);
        return seconds(retryAfter).map(decoded::withRetryAfter).orElse(decoded);
    }

    /** What an {@code error} event inside a stream means (its {@code data}, whole). */
    public static GatewayError decodeEvent(JsonNode event) {
        JsonNode error = event.path("error").isObject() ? event.get("error") : Json.MAPPER.createObjectNode();
        return decode(0, error);
    }

    private static GatewayError decode(int status, JsonNode error) {
        String type = error.path("type").asText("");
        String message = error.path("message").asText("");
        if (message.isBlank()) {
            message = "the upstream answered " + (status > 0 ? "HTTP " + status : "an error") + " without an error message";
        }
        String kind = type.isEmpty() ? typeOf(status) : type;
        return switch (kind) {
            case "invalid_request_error", "request_too_large" -> GatewayError.of(Kind.INVALID_REQUEST, message);
            case "authentication_error" -> GatewayError.of(Kind.UPSTREAM_AUTH,
                    "the upstream refused the configured API key (" + message + ")").withCode("upstream_auth_failed");
            case "permission_error" -> GatewayError.of(Kind.PERMISSION_DENIED, message);
            case "billing_error" -> GatewayError.of(Kind.QUOTA_EXHAUSTED, message).withCode("insufficient_quota");
            case "not_found_error" -> GatewayError.of(Kind.NOT_FOUND, message).withCode("model_not_found");
            case "rate_limit_error" -> "enforced_spend_limit_reached".equals(error.path("details").path("error_code")
                    .asText(""))
                    ? GatewayError.of(Kind.QUOTA_EXHAUSTED, message).withCode("insufficient_quota")
                    : GatewayError.of(Kind.RATE_LIMITED, message).withCode("rate_limit_exceeded");
            case "timeout_error" -> GatewayError.of(Kind.UPSTREAM_TIMEOUT, message);
            case "overloaded_error" -> GatewayError.of(Kind.UPSTREAM_UNAVAILABLE, "the upstream is overloaded: "
                    + message).withCode("overloaded_error");
            default -> status >= 400 && status < 500
                    ? GatewayError.of(Kind.INVALID_REQUEST, message)
                    : GatewayError.of(Kind.UPSTREAM_ERROR, "the upstream failed: " + message);
        };
    }

    /** Anthropic's error type for a status, when the body named none. */
    private static String typeOf(int status) {
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 408, 504 -> "timeout_error";
            case 503, OVERLOADED_STATUS -> "overloaded_error";
            default -> "";
        };
    }

    /** The HTTP status a caller of the Anthropic door gets for {@code error}. */
    public static int status(GatewayError error) {
        return switch (error.kind()) {
            case UPSTREAM_UNAVAILABLE -> OVERLOADED_STATUS;
            default -> error.status();
        };
    }

    /** Anthropic's error {@code type} for a kind. */
    public static String type(Kind kind) {
        return switch (kind) {
            case INVALID_REQUEST, URI_TOO_LONG, HEADERS_TOO_LARGE, HTTP_VERSION_NOT_SUPPORTED -> "invalid_request_error";
            case PAYLOAD_TOO_LARGE -> "request_too_large";
            case REQUEST_TIMEOUT -> "timeout_error";
            case OVERLOADED -> "overloaded_error";
            case AUTHENTICATION -> "authentication_error";
            case PERMISSION_DENIED -> "permission_error";
            case NOT_FOUND -> "not_found_error";
            case RATE_LIMITED, QUOTA_EXHAUSTED -> "rate_limit_error";
            case UPSTREAM_UNAVAILABLE -> "overloaded_error";
            case UPSTREAM_TIMEOUT -> "timeout_error";
            case INTERNAL, UPSTREAM_AUTH, UPSTREAM_ERROR -> "api_error";
        };
    }

    /** The body a caller of the Anthropic door gets for {@code error}. */
    public static byte[] encode(GatewayError error) {
        try {
            return Json.MAPPER.writeValueAsBytes(toJson(error));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode toJson(GatewayError error) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("type", "error");
        ObjectNode body = root.putObject("error");
        body.put("type", type(error.kind()));
        body.put("message", error.message());
        return root;
    }

    private static JsonNode errorObject(byte[] body) {
        try {
            JsonNode root = Json.MAPPER.readTree(body);
            if (root != null && root.path("error").isObject()) {
                return root.get("error");
            }
        } catch (IOException | RuntimeException ignored) {
            // Not JSON (a proxy's HTML page, say): the status decides.
        }
        return Json.MAPPER.createObjectNode();
    }

    private static Optional<Duration> seconds(Optional<String> header) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        try {
            long seconds = Long.parseLong(header.get().trim());
            return seconds >= 0 && seconds < 86_400 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty(); // an HTTP date or garbage: no delay known
        }
    }
}
