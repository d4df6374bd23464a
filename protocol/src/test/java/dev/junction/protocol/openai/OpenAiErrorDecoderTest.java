package dev.junction.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayError.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** OpenAI-compatible error answers in Junction's terms, for routing and for the client. */
class OpenAiErrorDecoderTest {
    private static GatewayError decode(int status, String body, String retryAfter) {
        return OpenAiErrorDecoder.decode(status, body.getBytes(StandardCharsets.UTF_8), Optional.ofNullable(retryAfter));
    }

    @Test
    void theStatusDecidesAndTheCodeRefines() {
        assertThat(decode(401, "{\"error\":{\"message\":\"bad key\",\"code\":\"invalid_api_key\"}}", null).kind())
                .isEqualTo(Kind.UPSTREAM_AUTH);
        assertThat(decode(403, "{\"error\":{\"message\":\"region\"}}", null).kind()).isEqualTo(Kind.UPSTREAM_AUTH);
        GatewayError limited = decode(429, "{\"error\":{\"message\":\"slow down\",\"code\":\"rate_limit_exceeded\"}}",
                "12");
        assertThat(limited.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(12));
        assertThat(decode(429, "{\"error\":{\"message\":\"quota\",\"type\":\"insufficient_quota\"}}", null).kind())
                .isEqualTo(Kind.QUOTA_EXHAUSTED);
        assertThat(decode(402, "{\"error\":{\"message\":\"Insufficient Balance\"}}", null).kind())
                .isEqualTo(Kind.QUOTA_EXHAUSTED);
        assertThat(decode(404, "{\"error\":{\"message\":\"The model `x` does not exist\"}}", null).kind())
                .isEqualTo(Kind.NOT_FOUND);
        assertThat(decode(503, "", null).kind()).isEqualTo(Kind.UPSTREAM_UNAVAILABLE);
        assertThat(decode(500, "<html>oops</html>", null).kind()).isEqualTo(Kind.UPSTREAM_ERROR);
        assertThat(decode(504, "", null).kind()).isEqualTo(Kind.UPSTREAM_TIMEOUT);
    }

    @Test
    void aBadRequestKeepsTheVendorsParamAndCode() {
        GatewayError error = decode(400, "{\"error\":{\"message\":\"Invalid 'temperature'\",\"type\":"
                + "\"invalid_request_error\",\"param\":\"temperature\",\"code\":\"invalid_value\"}}", null);
        assertThat(error.kind()).isEqualTo(Kind.INVALID_REQUEST);
        assertThat(error.param()).contains("temperature");
        assertThat(error.code()).contains("invalid_value");
        assertThat(decode(422, "{\"error\":{\"message\":\"bad\"}}", null).kind()).isEqualTo(Kind.INVALID_REQUEST);
    }

    @Test
    void ollamasStringErrorAndHugeMessagesAreRead() {
        assertThat(decode(400, "{\"error\":\"model is required\"}", null).message()).isEqualTo("model is required");
        assertThat(decode(500, "{\"error\":{\"message\":\"" + "x".repeat(5000) + "\"}}", null).message())
                .hasSizeLessThan(1100);
    }
}
