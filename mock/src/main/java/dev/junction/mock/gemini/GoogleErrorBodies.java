package dev.junction.mock.gemini;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The error bodies Google's Gemini API sends, with its statuses, messages and {@code details}
 * as recorded (see the fixtures named in each method). Messages are Google's own words where a
 * recording or a public report shows them; the few we could not find say so.
 */
final class GoogleErrorBodies {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String SERVICE = "generativelanguage.googleapis.com";
    private static final String KEY_INVALID = "API key not valid. Please pass a valid API key.";

    private GoogleErrorBodies() {}

    /** The {@code google.rpc.Code} name Google pairs with an HTTP status. */
    static String statusName(int httpStatus) {
        return switch (httpStatus) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 409 -> "ABORTED";
            case 412 -> "FAILED_PRECONDITION";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 499 -> "CANCELLED";
            case 500 -> "INTERNAL";
            case 501 -> "UNIMPLEMENTED";
            case 503 -> "UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> httpStatus < 500 ? "FAILED_PRECONDITION" : "UNKNOWN";
        };
    }

    /** Google's usual words for a status when nothing more specific applies. */
    static String defaultMessage(int httpStatus) {
        return switch (httpStatus) {
            case 400 -> "Request contains an invalid argument.";
            case 401 -> "Request is missing required authentication credential.";
            case 403 -> "The caller does not have permission";
            case 404 -> "Requested entity was not found.";
            case 429 -> "Resource has been exhausted (e.g. check quota).";
            case 499 -> "The operation was cancelled.";
            case 500 -> "An internal error has occurred. Please retry or report in "
                    + "https://developers.generativeai.google/guide/troubleshooting";
            case 503 -> "The model is overloaded. Please try again later.";
            case 504 -> "Deadline expired before operation could complete.";
            default -> "The service answered HTTP " + httpStatus + ".";
        };
    }

    static MockReply.Json of(int httpStatus) {
        return of(httpStatus, defaultMessage(httpStatus));
    }

    static MockReply.Json of(int httpStatus, String message) {
        return new MockReply.Json(httpStatus, root(httpStatus, message));
    }

    /** The bare {@code {"code","message","status"}} object, as a mid-stream error event carries it. */
    static ObjectNode errorObject(int httpStatus, String message) {
        return (ObjectNode) root(httpStatus, message).get("error");
    }

    static MockReply.Json invalidArgument(String message) {
        return of(400, message);
    }

    /** A field that failed proto parsing, with the {@code BadRequest} detail Google adds. */
    static MockReply.Json invalidField(String field, String message) {
        ObjectNode root = root(400, message);
        ObjectNode violation = details(root).addObject()
                .put("@type", "type.googleapis.com/google.rpc.BadRequest")
                .putArray("fieldViolations").addObject();
        violation.put("field", field);
        violation.put("description", message);
        return new MockReply.Json(400, root);
    }

    /** A body that is not JSON at all. */
    static MockReply.Json malformedJson(String message) {
        ObjectNode root = root(400, message);
        details(root).addObject()
                .put("@type", "type.googleapis.com/google.rpc.BadRequest")
                .putArray("fieldViolations").addObject().put("description", message);
        return new MockReply.Json(400, root);
    }

    /**
     * A key Google does not know (fx {@code firebase-googleai__unary-failure-api-key.json}): 400,
     * not 401, and a {@code DebugInfo} detail that echoes the key, which a gateway must scrub.
     */
    static MockReply.Json apiKeyInvalid(String key) {
        ObjectNode root = root(400, KEY_INVALID);
        ArrayNode details = details(root);
        ObjectNode info = details.addObject()
                .put("@type", "type.googleapis.com/google.rpc.ErrorInfo")
                .put("reason", "API_KEY_INVALID")
                .put("domain", "googleapis.com");
        info.putObject("metadata").put("service", SERVICE);
        details.addObject()
                .put("@type", "type.googleapis.com/google.rpc.LocalizedMessage")
                .put("locale", "en-US")
                .put("message", KEY_INVALID);
        details.addObject()
                .put("@type", "type.googleapis.com/google.rpc.DebugInfo")
                .put("detail", "Invalid API key: " + key);
        return new MockReply.Json(400, root);
    }

    /** No key at all. */
    static MockReply.Json unregisteredCaller() {
        return of(403, "Method doesn't allow unregistered callers (callers without established identity). "
                + "Please use API Key or other form of API consumer identity to call this API.");
    }

    /** An {@code Authorization: Bearer} value where Google expects an OAuth token, not an API key. */
    static MockReply.Json bearerNotOAuth(String rpcMethod) {
        ObjectNode root = root(401, "Request had invalid authentication credentials. Expected OAuth 2 access token, "
                + "login cookie or other valid authentication credential. "
                + "See https://developers.google.com/identity/sign-in/web/devconsole-project.");
        ObjectNode info = details(root).addObject()
                .put("@type", "type.googleapis.com/google.rpc.ErrorInfo")
                .put("reason", "ACCESS_TOKEN_TYPE_UNSUPPORTED")
                .put("domain", "googleapis.com");
        info.putObject("metadata").put("service", SERVICE).put("method", rpcMethod);
        return new MockReply.Json(401, root);
    }

    /** Unknown model, or a model that lacks the method (fx {@code ...unary-failure-unknown-model.json}). */
    static MockReply.Json modelNotFound(String modelId, String apiVersion, String method) {
        String message = "models/" + modelId + " is not found for API version " + apiVersion
                + ", or is not supported for " + method
                + ". Call ListModels to see the list of available models and their supported methods.";
        ObjectNode root = root(404, message);
        ArrayNode details = details(root);
        details.addObject()
                .put("@type", "type.googleapis.com/google.rpc.DebugInfo")
                .put("detail", "[ORIGINAL ERROR] generic::not_found: " + message
                        + " [google.rpc.error_details_ext] { message: \"" + message + "\" }");
        details.addObject()
                .put("@type", "type.googleapis.com/google.rpc.DebugInfo")
                .put("detail", message);
        return new MockReply.Json(404, root);
    }

    /**
     * A per-minute rate limit (fx {@code vercel-ai__google-429-retry-info.json}): {@code QuotaFailure}
     * with a {@code ...PerMinute...} quota id, and {@code RetryInfo}.
     */
    static MockReply.Json rateLimited(String modelId, String retryDelay) {
        ObjectNode root = quotaRoot(modelId, "GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
                "generativelanguage.googleapis.com/generate_content_free_tier_requests", "10");
        details(root).addObject()
                .put("@type", "type.googleapis.com/google.rpc.RetryInfo")
                .put("retryDelay", retryDelay);
        return new MockReply.Json(429, root);
    }

    /** A spent daily quota: also 429, told apart from a rate limit only by its {@code PerDay} quota id. */
    static MockReply.Json quotaExhausted(String modelId) {
        return new MockReply.Json(429, quotaRoot(modelId, "GenerateRequestsPerDayPerProjectPerModel-FreeTier",
                "generativelanguage.googleapis.com/generate_content_free_tier_requests", "250"));
    }

    private static ObjectNode quotaRoot(String modelId, String quotaId, String metric, String value) {
        ObjectNode root = root(429, "You exceeded your current quota, please check your plan and billing details. "
                + "For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.");
        ArrayNode details = details(root);
        ObjectNode help = details.addObject().put("@type", "type.googleapis.com/google.rpc.Help");
        help.putArray("links").addObject()
                .put("description", "Learn more about Gemini API quotas")
                .put("url", "https://ai.google.dev/gemini-api/docs/rate-limits");
        ObjectNode violation = details.addObject()
                .put("@type", "type.googleapis.com/google.rpc.QuotaFailure")
                .putArray("violations").addObject();
        violation.put("quotaMetric", metric);
        violation.put("quotaId", quotaId);
        violation.putObject("quotaDimensions").put("location", "global").put("model", modelId);
        violation.put("quotaValue", value);
        return root;
    }

    private static ObjectNode root(int httpStatus, String message) {
        ObjectNode root = NODES.objectNode();
        root.putObject("error")
                .put("code", httpStatus)
                .put("message", message)
                .put("status", statusName(httpStatus));
        return root;
    }

    private static ArrayNode details(ObjectNode root) {
        ObjectNode error = (ObjectNode) root.get("error");
        return error.has("details") ? (ArrayNode) error.get("details") : error.putArray("details");
    }
}
