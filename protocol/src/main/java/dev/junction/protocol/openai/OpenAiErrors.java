package dev.junction.protocol.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.GatewayError;
import java.io.IOException;

/**
 * OpenAI's error shape, {@code {"error":{"message","type","param","code"}}}: the {@code type}
 * and default {@code code} follow the kind, the way OpenAI's own API and its SDKs expect.
 */
public final class OpenAiErrors {

    private OpenAiErrors() {}

    public static byte[] encode(GatewayError error) {
        try {
            return Json.MAPPER.writeValueAsBytes(toJson(error));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code {"error":{...}}} object, also used inside a stream's error event. */
    public static ObjectNode toJson(GatewayError error) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode body = root.putObject("error");
        body.put("message", error.message());
        body.put("type", type(error));
        error.param().ifPresentOrElse(p -> body.put("param", p), () -> body.putNull("param"));
        String code = error.code().orElseGet(() -> defaultCode(error.kind()));
        if (code == null) {
            body.putNull("code");
        } else {
            body.put("code", code);
        }
        return root;
    }

    private static String type(GatewayError error) {
        return switch (error.kind()) {
            case INVALID_REQUEST, AUTHENTICATION, NOT_FOUND, REQUEST_TIMEOUT, PAYLOAD_TOO_LARGE, URI_TOO_LONG,
                    HEADERS_TOO_LARGE, HTTP_VERSION_NOT_SUPPORTED -> "invalid_request_error";
            case PERMISSION_DENIED -> "permission_error";
            case RATE_LIMITED -> "requests";
            case QUOTA_EXHAUSTED -> "insufficient_quota";
            case INTERNAL, UPSTREAM_AUTH, UPSTREAM_ERROR, UPSTREAM_UNAVAILABLE, UPSTREAM_TIMEOUT, OVERLOADED ->
                    "server_error";
        };
    }

    private static String defaultCode(GatewayError.Kind kind) {
        return switch (kind) {
            case AUTHENTICATION -> "invalid_api_key";
            case NOT_FOUND -> "model_not_found";
            case RATE_LIMITED -> "rate_limit_exceeded";
            case QUOTA_EXHAUSTED -> "insufficient_quota";
            case UPSTREAM_UNAVAILABLE -> "service_unavailable";
            case UPSTREAM_TIMEOUT -> "timeout";
            case REQUEST_TIMEOUT -> "request_timeout";
            case PAYLOAD_TOO_LARGE -> "request_too_large";
            case URI_TOO_LONG -> "uri_too_long";
            case HEADERS_TOO_LARGE -> "headers_too_large";
            case HTTP_VERSION_NOT_SUPPORTED -> "http_version_not_supported";
            case OVERLOADED -> "overloaded";
            default -> null;
        };
    }
}
