package dev.junction.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayError.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Anthropic's error bodies ({@code {"type":"error","error":{"type","message"}}}) both ways. */
class AnthropicErrorsTest {
    private static GatewayError decode(int status, String body, String retryAfter) {
        return AnthropicErrors.decode(status, body.getBytes(StandardCharsets.UTF_8), Optional.ofNullable(retryAfter));
    }

    private static String body(String type, String message) {
        return "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message
                + "\"},\"request_id\":\"req_011CSHoEeqs5C35K2UUqR7Fy\"}";
    }

    @Test
    void overloadIsUnavailableSoFailoverMovesOn() {
        GatewayError error = decode(529, body("overloaded_error", "Overloaded"), null);
        assertThat(error.kind()).isEqualTo(Kind.UPSTREAM_UNAVAILABLE);
        assertThat(error.code()).contains("overloaded_error");
        assertThat(error.message()).contains("Overloaded");
    }

    @Test
    void aRateLimitKeepsItsRetryAfterAndASpendLimitIsASpentQuota() {
        GatewayError limited = decode(429, body("rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit"), "17");
        assertThat(limited.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(17));
        GatewayError spent = decode(429, """
                {"type":"error","error":{"type":"rate_limit_error","message":"spend limit","details":{"error_code":"enforced_spend_limit_reached"}}}""", null);
        assertThat(spent.kind()).isEqualTo(Kind.QUOTA_EXHAUSTED);
        assertThat(decode(429, body("rate_limit_error", "x"), "Wed, 21 Oct 2015 07:28:00 GMT").retryAfter()).isEmpty();
    }

    @Test
    void theOperatorsKeyAtFaultIsNeverTheCallers401() {
        assertThat(decode(401, body("authentication_error", "invalid x-api-key"), null).kind()).isEqualTo(Kind.UPSTREAM_AUTH);
        assertThat(decode(401, "", null).kind()).isEqualTo(Kind.UPSTREAM_AUTH);
        assertThat(decode(402, body("billing_error", "pay"), null).kind()).isEqualTo(Kind.QUOTA_EXHAUSTED);
    }

    /** A 403 about what was asked (a resource the key's organisation may not use) is the caller's 403. */
    @Test
    void aPermissionErrorIsTheCallers403NotABadKey() {
        GatewayError error = decode(403, body("permission_error", "Your API key does not have permission to use the "
                + "specified resource."), null);
        assertThat(error.kind()).isEqualTo(Kind.PERMISSION_DENIED);
        assertThat(error.status()).isEqualTo(403);
        assertThat(error.message()).isEqualTo("Your API key does not have permission to use the specified resource.");
        assertThat(AnthropicErrors.toJson(error).path("error").path("type").asText()).isEqualTo("permission_error");
    }

    @Test
    void otherTypesAndBodiesWithoutOne() {
        assertThat(decode(400, body("invalid_request_error", "messages: Field required"), null))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.INVALID_REQUEST))
                .satisfies(e -> assertThat(e.message()).isEqualTo("messages: Field required"));
        assertThat(decode(404, body("not_found_error", "model: claude-x"), null).kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(decode(413, body("request_too_large", "too big"), null).kind()).isEqualTo(Kind.INVALID_REQUEST);
        assertThat(decode(500, body("api_error", "Internal server error"), null).kind()).isEqualTo(Kind.UPSTREAM_ERROR);
        assertThat(decode(504, body("timeout_error", "timed out"), null).kind()).isEqualTo(Kind.UPSTREAM_TIMEOUT);
        assertThat(decode(529, "<html>busy</html>", null).kind()).isEqualTo(Kind.UPSTREAM_UNAVAILABLE);
        assertThat(decode(502, "", null).kind()).isEqualTo(Kind.UPSTREAM_ERROR);
        assertThat(decode(418, "null", null).kind()).isEqualTo(Kind.INVALID_REQUEST);
    }

    @Test
    void junctionsErrorsInAnthropicsShapeAndStatuses() {
        GatewayError overloaded = GatewayError.of(Kind.UPSTREAM_UNAVAILABLE, "busy");
        assertThat(AnthropicErrors.status(overloaded)).isEqualTo(529);
        assertThat(new String(AnthropicErrors.encode(overloaded), StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"busy\"}}");
        assertThat(AnthropicErrors.status(GatewayError.of(Kind.AUTHENTICATION, "x"))).isEqualTo(401);
        assertThat(AnthropicErrors.type(Kind.AUTHENTICATION)).isEqualTo("authentication_error");
        assertThat(AnthropicErrors.type(Kind.QUOTA_EXHAUSTED)).isEqualTo("rate_limit_error");
        assertThat(AnthropicErrors.type(Kind.UPSTREAM_AUTH)).isEqualTo("api_error");
        assertThat(AnthropicErrors.status(GatewayError.of(Kind.UPSTREAM_TIMEOUT, "x"))).isEqualTo(504);
    }
}
