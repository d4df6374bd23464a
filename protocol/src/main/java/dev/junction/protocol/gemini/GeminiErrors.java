package dev.junction.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayError.Kind;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Google's error shape, {@code {"error":{"code","message","status","details"}}}, both ways: what
 * a Gemini upstream's error means to Junction, and how Junction tells a Gemini-native caller.
 *
 * <p>Upstream credential failures ({@code API_KEY_INVALID} as the reason or Google's "API key not
 * valid" message, 401, a 403 whose reason blames the key or project) become
 * {@link Kind#UPSTREAM_AUTH}: the key is the operator's, so the caller gets a 502, never a 401
 * that would blame their own token. Only the {@code message} of an upstream error is kept:
 * Google's {@code DebugInfo} details can echo the key.
 */
public final class GeminiErrors {
    private static final ObjectMapper JSON = Json.MAPPER;

    /**
     * The {@code ErrorInfo} reasons of a 403 that blame the operator's key or project, not what
     * the caller asked for: a key that is invalid, blocked or expired, an API not enabled, a
     * suspended or billing-less project. Any other 403 (a file the caller may not read, a model
     * the project may not use) is the caller's answer and goes back to it as Google's 403.
     */
    static final java.util.Set<String> CREDENTIAL_REASONS = java.util.Set.of("API_KEY_INVALID", "API_KEY_EXPIRED",
            "API_KEY_SERVICE_BLOCKED", "API_KEY_HTTP_REFERRER_BLOCKED", "API_KEY_IP_ADDRESS_BLOCKED",
            "API_KEY_ANDROID_APP_BLOCKED", "API_KEY_IOS_APP_BLOCKED", "SERVICE_DISABLED", "CONSUMER_SUSPENDED",
            "CONSUMER_INVALID", "BILLING_DISABLED", "ACCESS_TOKEN_EXPIRED", "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
            "IAM_PERMISSION_DENIED", "USER_PROJECT_DENIED");

    private GeminiErrors() {}

    /** What an upstream error response means; never fails, whatever the body. */
    public static GatewayError decode(int status, byte[] body) {
        JsonNode error = errorObject(body);
        String message = error.path("message").asText("");
        if (message.isBlank()) {
            message = "the upstream answered HTTP " + status + " without an error message";
        }
        String reason = errorInfoReason(error);
        Optional<Duration> retryAfter = retryDelay(error);
        boolean badKey = "API_KEY_INVALID".equals(reason) || message.contains("API key not valid")
                || message.contains("API key expired");
        GatewayError decoded = switch (status) {
            case 400 -> badKey
                    ? upstreamAuth("the upstream rejected the configured API key (" + message + ")")
                    : GatewayError.of(Kind.INVALID_REQUEST, message);
            case 401 -> upstreamAuth("the upstream refused the configured credential (" + message + ")");
            case 403 -> badKey || CREDENTIAL_REASONS.contains(reason)
                    ? upstreamAuth("the upstream refused the configured credential (" + message + ")")
                    : GatewayError.of(Kind.PERMISSION_DENIED, message);
            case 402 -> GatewayError.of(Kind.QUOTA_EXHAUSTED, message).withCode("insufficient_quota");
            case 404 -> GatewayError.of(Kind.NOT_FOUND, message).withCode("model_not_found");
            case 408, 504 -> GatewayError.of(Kind.UPSTREAM_TIMEOUT, message);
            case 429 -> isQuota(error, message)
                    ? GatewayError.of(Kind.QUOTA_EXHAUSTED, message).withCode("insufficient_quota")
                    : GatewayError.of(Kind.RATE_LIMITED, message).withCode("rate_limit_exceeded");
            case 503 -> GatewayError.of(Kind.UPSTREAM_UNAVAILABLE, message);
            default -> status >= 400 && status < 500
                    ? GatewayError.of(Kind.INVALID_REQUEST, message)
                    : GatewayError.of(Kind.UPSTREAM_ERROR, "the upstream failed: " + message);
        };
        return retryAfter.map(decoded::withRetryAfter).orElse(decoded);
    }

    /** The body a Gemini-native caller gets for {@code error}, pretty-printed as Google does. */
    public static byte[] encode(GatewayError error) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(toJson(error));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same error on one line, for a stream event. */
    public static byte[] encodeLine(GatewayError error) {
        try {
            return JSON.writeValueAsBytes(toJson(error));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode toJson(GatewayError error) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode body = root.putObject("error");
        body.put("code", error.status());
        body.put("message", error.message());
        body.put("status", statusName(error.kind()));
        if (error.retryAfter().isPresent()) {
            ArrayNode details = body.putArray("details");
            ObjectNode retry = details.addObject();
            retry.put("@type", "type.googleapis.com/google.rpc.RetryInfo");
            retry.put("retryDelay", formatDelay(error.retryAfter().get()));
        }
        return root;
    }

    /** The canonical {@code google.rpc.Code} name for a kind. */
    public static String statusName(Kind kind) {
        return switch (kind) {
            case INVALID_REQUEST, PAYLOAD_TOO_LARGE, URI_TOO_LONG, HEADERS_TOO_LARGE, HTTP_VERSION_NOT_SUPPORTED ->
                    "INVALID_ARGUMENT";
            case REQUEST_TIMEOUT -> "DEADLINE_EXCEEDED";
            case OVERLOADED -> "UNAVAILABLE";
            case AUTHENTICATION -> "UNAUTHENTICATED";
            case PERMISSION_DENIED -> "PERMISSION_DENIED";
            case NOT_FOUND -> "NOT_FOUND";
            case RATE_LIMITED, QUOTA_EXHAUSTED -> "RESOURCE_EXHAUSTED";
            case INTERNAL -> "INTERNAL";
            case UPSTREAM_AUTH, UPSTREAM_ERROR, UPSTREAM_UNAVAILABLE -> "UNAVAILABLE";
            case UPSTREAM_TIMEOUT -> "DEADLINE_EXCEEDED";
        };
    }

    private static GatewayError upstreamAuth(String message) {
        return GatewayError.of(Kind.UPSTREAM_AUTH, message).withCode("upstream_auth_failed");
    }

    private static JsonNode errorObject(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root != null && root.isArray() && !root.isEmpty()) {
                root = root.get(0); // Google's OpenAI-compatible layer wraps errors in an array
            }
            if (root != null && root.path("error").isObject()) {
                return root.get("error");
            }
        } catch (IOException | RuntimeException ignored) {
            // Not JSON (an HTML page from a proxy, say): fall through to the empty object.
        }
        return JSON.createObjectNode();
    }

    private static String errorInfoReason(JsonNode error) {
        for (JsonNode detail : error.path("details")) {
            if (detail.path("@type").asText("").endsWith("google.rpc.ErrorInfo")) {
                return detail.path("reason").asText("");
            }
        }
        return "";
    }

    /**
     * A per-day or per-month limit is a spent quota; any other limit named by a
     * {@code QuotaFailure} (per minute) is a rate limit. Only when Google names no quota does
     * the message decide: its message for every 429 says "check your plan and billing details",
     * so it cannot tell a per-minute limit from a spent quota; prepaid credits running out can.
     */
    private static boolean isQuota(JsonNode error, String message) {
        boolean namesQuota = false;
        for (JsonNode detail : error.path("details")) {
            for (JsonNode violation : detail.path("violations")) {
                String quotaId = violation.path("quotaId").asText("").toLowerCase(Locale.ROOT);
                if (quotaId.contains("perday") || quotaId.contains("permonth")) {
                    return true;
                }
                namesQuota |= !quotaId.isEmpty();
            }
        }
        if (namesQuota) {
            return false;
        }
        String lower = message.toLowerCase(Locale.ROOT);
        return lower.contains("billing") || lower.contains("credits") || lower.contains("prepay");
    }

    private static Optional<Duration> retryDelay(JsonNode error) {
        for (JsonNode detail : error.path("details")) {
            if (detail.path("@type").asText("").endsWith("google.rpc.RetryInfo")) {
                String delay = detail.path("retryDelay").asText("");
                if (delay.endsWith("s")) {
                    try {
                        BigDecimal seconds = new BigDecimal(delay.substring(0, delay.length() - 1));
                        if (seconds.signum() >= 0 && seconds.compareTo(BigDecimal.valueOf(86_400)) <= 0) {
                            return Optional.of(Duration.ofMillis(seconds.movePointRight(3).longValue()));
                        }
                    } catch (NumberFormatException ignored) {
                        // A malformed delay is no delay.
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static String formatDelay(Duration delay) {
        BigDecimal seconds = BigDecimal.valueOf(delay.toMillis()).movePointLeft(3).stripTrailingZeros();
        return seconds.toPlainString() + "s";
    }
}
