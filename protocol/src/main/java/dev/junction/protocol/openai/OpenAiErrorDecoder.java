package dev.junction.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayError.Kind;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * What an OpenAI-compatible upstream's error answer means to Junction. OpenAI documents
 * {@code {"error":{"message","type","param","code"}}}; compatible servers follow it more or less
 * (vLLM and Ollama put the same keys there, DeepSeek answers 402 for an empty balance and 422 for
 * bad parameters). The HTTP status decides the kind; {@code code}/{@code type} refine it:
 *
 * <table>
 * <caption>Status and meaning</caption>
 * <tr><th>Upstream</th><th>Junction</th></tr>
 * <tr><td>400, 413, 422</td><td>{@code INVALID_REQUEST}, message, {@code param} and {@code code} kept: the
 *     request is at fault, never retried elsewhere</td></tr>
 * <tr><td>401, 403</td><td>{@code UPSTREAM_AUTH}: the operator's key is invalid or may not do this (a 502
 *     that never blames the client's token; the key rests)</td></tr>
 * <tr><td>402, 429 with {@code insufficient_quota}</td><td>{@code QUOTA_EXHAUSTED}</td></tr>
 * <tr><td>429</td><td>{@code RATE_LIMITED}, with the {@code Retry-After} seconds when sent</td></tr>
 * <tr><td>404</td><td>{@code NOT_FOUND} ({@code model_not_found})</td></tr>
 * <tr><td>408, 504</td><td>{@code UPSTREAM_TIMEOUT}</td></tr>
 * <tr><td>503, 529</td><td>{@code UPSTREAM_UNAVAILABLE}</td></tr>
 * <tr><td>other 5xx, anything else</td><td>{@code UPSTREAM_ERROR}</td></tr>
 * </table>
 *
 * A body that is no error object (a proxy's HTML page) decodes by its status alone.
 */
public final class OpenAiErrorDecoder {
    /** How much of the vendor's message is kept: enough to act on, never a whole page. */
    private static final int MAX_MESSAGE = 1000;

    private OpenAiErrorDecoder() {}

    /**
     * Never fails, whatever the body.
     *
     * @param retryAfter the {@code Retry-After} header, when the upstream sent one
     */
    public static GatewayError decode(int status, byte[] body, Optional<String> retryAfter) {
        GatewayError decoded = decode(status, errorObject(body));
        return seconds(retryAfter).map(decoded::withRetryAfter).orElse(decoded);
    }

    /** What an error chunk inside a stream ({@code data: {"error": {...}}}) means. */
    public static GatewayError decodeEvent(JsonNode chunk) {
        JsonNode error = chunk.path("error");
        return decode(0, error.isObject() ? error : Json.MAPPER.createObjectNode().put("message", error.asText("")));
    }

    private static GatewayError decode(int status, JsonNode error) {
        String message = error.path("message").asText("");
        if (message.isBlank()) {
            message = "the upstream answered " + (status > 0 ? "HTTP " + status : "an error") + " without an error message";
        }
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "...";
        }
        Optional<String> code = text(error.path("code"));
        Optional<String> param = text(error.path("param"));
        String type = error.path("type").asText("");
        boolean quota = code.filter("insufficient_quota"::equals).isPresent() || type.equals("insufficient_quota");
        return switch (status) {
            case 400, 413, 422 -> keep(GatewayError.of(Kind.INVALID_REQUEST, message), param, code);
            case 401, 403 -> GatewayError.of(Kind.UPSTREAM_AUTH, "the upstream refused the configured API key ("
                    + message + ")").withCode("upstream_auth_failed");
            case 402 -> GatewayError.of(Kind.QUOTA_EXHAUSTED, message).withCode("insufficient_quota");
            case 404 -> GatewayError.of(Kind.NOT_FOUND, message).withCode("model_not_found");
            case 408, 504 -> GatewayError.of(Kind.UPSTREAM_TIMEOUT, "the upstream timed out: " + message);
            case 429 -> quota ? GatewayError.of(Kind.QUOTA_EXHAUSTED, message).withCode("insufficient_quota")
                    : GatewayError.of(Kind.RATE_LIMITED, message).withCode("rate_limit_exceeded");
            case 503, 529 -> GatewayError.of(Kind.UPSTREAM_UNAVAILABLE, "the upstream is unavailable: " + message);
            case 0 -> inStream(message, type, code, quota);
            default -> status >= 400 && status < 500 ? keep(GatewayError.of(Kind.INVALID_REQUEST, message), param, code)
                    : GatewayError.of(Kind.UPSTREAM_ERROR, "the upstream failed: " + message);
        };
    }

    /** An error inside a stream has no status: its type or code says what it was. */
    private static GatewayError inStream(String message, String type, Optional<String> code, boolean quota) {
        if (quota) {
            return GatewayError.of(Kind.QUOTA_EXHAUSTED, message).withCode("insufficient_quota");
        }
        if (code.filter("rate_limit_exceeded"::equals).isPresent() || type.equals("rate_limit_error")) {
            return GatewayError.of(Kind.RATE_LIMITED, message).withCode("rate_limit_exceeded");
        }
        if (type.equals("invalid_request_error")) {
            return GatewayError.of(Kind.INVALID_REQUEST, message);
        }
        return GatewayError.of(Kind.UPSTREAM_ERROR, "the upstream failed: " + message);
    }

    private static GatewayError keep(GatewayError error, Optional<String> param, Optional<String> code) {
        GatewayError out = param.map(error::withParam).orElse(error);
        return code.map(out::withCode).orElse(out);
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.textValue().isEmpty() ? Optional.of(node.textValue())
                : node.isNumber() ? Optional.of(node.asText()) : Optional.empty();
    }

    private static JsonNode errorObject(byte[] body) {
        try {
            JsonNode root = Json.MAPPER.readTree(body);
            if (root != null && root.path("error").isObject()) {
                return root.get("error");
            }
            if (root != null && root.path("error").isTextual()) {
                return Json.MAPPER.createObjectNode().put("message", root.get("error").textValue()); // Ollama's shape
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
