package dev.junction.protocol.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayError.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GeminiErrorsTest {
    private static GatewayError decode(int status, String body) {
        return GeminiErrors.decode(status, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRejectedUpstreamKeyIsTheOperatorsFaultNotTheClients() {
        GatewayError error = decode(400, """
                {"error": {"code": 400, "message": "API key not valid. Please pass a valid API key.",
                  "status": "INVALID_ARGUMENT", "details": [
                    {"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "API_KEY_INVALID"},
                    {"@type": "type.googleapis.com/google.rpc.DebugInfo", "detail": "Invalid API key: key1234"}]}}
                """);
        assertThat(error.kind()).isEqualTo(Kind.UPSTREAM_AUTH);
        assertThat(error.status()).isEqualTo(502);
        assertThat(error.message()).doesNotContain("key1234");
        assertThat(decode(403, """
                {"error": {"code": 403, "message": "Generative Language API has not been used in project 1",
                  "status": "PERMISSION_DENIED", "details": [
                    {"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "SERVICE_DISABLED"}]}}
                """).kind()).isEqualTo(Kind.UPSTREAM_AUTH);
        assertThat(decode(401, "{\"error\":{\"code\":401,\"message\":\"no\",\"status\":\"UNAUTHENTICATED\"}}")
                .kind()).isEqualTo(Kind.UPSTREAM_AUTH);
    }

    /** Google's bad-key answers, however they are dressed: the reason, or only the message. */
    @Test
    void aKeyGoogleCallsNotValidIsTheOperatorsFaultWithOrWithoutAReason() {
        assertThat(decode(403, """
                {"error": {"code": 403, "message": "Permission denied.", "status": "PERMISSION_DENIED", "details": [
                    {"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "API_KEY_INVALID"}]}}
                """).kind()).isEqualTo(Kind.UPSTREAM_AUTH);
        assertThat(decode(400, """
                {"error": {"code": 400, "message": "API key not valid. Please pass a valid API key.",
                  "status": "INVALID_ARGUMENT"}}
                """).kind()).isEqualTo(Kind.UPSTREAM_AUTH);
        assertThat(decode(403, """
                {"error": {"code": 403, "message": "API key not valid. Please pass a valid API key.",
                  "status": "PERMISSION_DENIED"}}
                """).kind()).isEqualTo(Kind.UPSTREAM_AUTH);
    }

    /** A 403 about what the caller asked for (a file of another project) is the caller's 403, not a bad key. */
    @Test
    void aForbiddenResourceIsTheCallersAnswerNotARejectedKey() {
        GatewayError error = decode(403, """
                {"error": {"code": 403, "message": "You do not have permission to access the File abc or it may not exist.",
                  "status": "PERMISSION_DENIED"}}
                """);
        assertThat(error.kind()).isEqualTo(Kind.PERMISSION_DENIED);
        assertThat(error.status()).isEqualTo(403);
        assertThat(error.message()).contains("File abc");
    }

    @Test
    void rateLimitsAndSpentQuotasAreToldApart() {
        GatewayError rate = decode(429, """
                {"error": {"code": 429, "message": "You exceeded your current quota, please check your plan.",
                  "status": "RESOURCE_EXHAUSTED", "details": [
                    {"@type": "type.googleapis.com/google.rpc.QuotaFailure",
                     "violations": [{"quotaId": "GenerateRequestsPerMinutePerProjectPerModel-FreeTier"}]},
                    {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "34.4s"}]}}
                """);
        assertThat(rate.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(rate.retryAfter()).contains(Duration.ofMillis(34_400));
        GatewayError quota = decode(429, """
                {"error": {"code": 429, "message": "Quota exceeded.", "status": "RESOURCE_EXHAUSTED", "details": [
                    {"@type": "type.googleapis.com/google.rpc.QuotaFailure",
                     "violations": [{"quotaId": "GenerateRequestsPerDayPerProjectPerModel-FreeTier"}]}]}}
                """);
        assertThat(quota.kind()).isEqualTo(Kind.QUOTA_EXHAUSTED);
        assertThat(quota.code()).contains("insufficient_quota");
    }

    /** Google's real per-minute 429 says "billing details" too: the quota id, not the wording, decides. */
    @Test
    void aPerMinuteLimitWhoseMessageMentionsBillingIsStillARateLimit() {
        GatewayError rate = decode(429, """
                {"error": {"code": 429, "message": "You exceeded your current quota, please check your plan and billing \
                details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.",
                  "status": "RESOURCE_EXHAUSTED", "details": [
                    {"@type": "type.googleapis.com/google.rpc.QuotaFailure",
                     "violations": [{"quotaMetric": "generativelanguage.googleapis.com/generate_content_free_tier_requests",
                                     "quotaId": "GenerateRequestsPerMinutePerProjectPerModel-FreeTier"}]},
                    {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "34.4s"}]}}
                """);
        assertThat(rate.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(rate.code()).contains("rate_limit_exceeded");
        GatewayError credits = decode(429, """
                {"error": {"code": 429, "message": "Your prepayment credits are depleted. Please go to AI Studio.",
                  "status": "RESOURCE_EXHAUSTED"}}
                """);
        assertThat(credits.kind()).isEqualTo(Kind.QUOTA_EXHAUSTED);
    }

    @Test
    void statusesMapToKinds() {
        assertThat(decode(404, "{\"error\":{\"code\":404,\"message\":\"models/x is not found\"}}").kind())
                .isEqualTo(Kind.NOT_FOUND);
        assertThat(decode(500, "{\"error\":{\"code\":500,\"message\":\"boom\"}}").status()).isEqualTo(502);
        assertThat(decode(503, "{\"error\":{\"code\":503,\"message\":\"overloaded\"}}").status()).isEqualTo(503);
        assertThat(decode(504, "{\"error\":{\"code\":504,\"message\":\"slow\"}}").status()).isEqualTo(504);
        assertThat(decode(400, "{\"error\":{\"code\":400,\"message\":\"bad field\"}}").status()).isEqualTo(400);
        assertThat(decode(502, "<html>bad gateway</html>").message()).contains("HTTP 502");
        assertThat(decode(400, "[{\"error\":{\"code\":400,\"message\":\"in an array\"}}]").message()).isEqualTo("in an array");
    }

    @Test
    void encodesGooglesShapeWithRetryInfo() throws IOException {
        GatewayError error = GatewayError.of(Kind.RATE_LIMITED, "slow down").withRetryAfter(Duration.ofMillis(1500));
        JsonNode body = Json.MAPPER.readTree(GeminiErrors.encode(error));
        assertThat(body.at("/error/code").asInt()).isEqualTo(429);
        assertThat(body.at("/error/status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(body.at("/error/message").asText()).isEqualTo("slow down");
        assertThat(body.at("/error/details/0/retryDelay").asText()).isEqualTo("1.5s");
        assertThat(new String(GeminiErrors.encodeLine(error), StandardCharsets.UTF_8)).doesNotContain("\n");
    }
}
