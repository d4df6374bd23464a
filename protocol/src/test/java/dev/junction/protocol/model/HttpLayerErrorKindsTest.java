package dev.junction.protocol.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.anthropic.AnthropicErrors;
import dev.junction.protocol.gemini.GeminiErrors;
import dev.junction.protocol.model.GatewayError.Kind;
import dev.junction.protocol.openai.OpenAiErrors;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The kinds for failures of HTTP itself and of Junction's own capacity have the status HTTP
 * prescribes, and each door's encoder renders them in its own shape.
 */
class HttpLayerErrorKindsTest {
    private static final Map<Kind, Integer> STATUS = Map.of(Kind.REQUEST_TIMEOUT, 408, Kind.PAYLOAD_TOO_LARGE, 413,
            Kind.URI_TOO_LONG, 414, Kind.HEADERS_TOO_LARGE, 431, Kind.HTTP_VERSION_NOT_SUPPORTED, 505,
            Kind.OVERLOADED, 503);

    private static JsonNode json(byte[] body) throws IOException {
        return Json.MAPPER.readTree(body);
    }

    @Test
    void eachKindHasItsHttpStatus() {
        STATUS.forEach((kind, status) -> assertThat(kind.status()).as(kind.name()).isEqualTo(status));
    }

    @Test
    void openAiShape() throws IOException {
        JsonNode tooLarge = json(OpenAiErrors.encode(GatewayError.of(Kind.PAYLOAD_TOO_LARGE, "big"))).path("error");
        assertThat(tooLarge.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(tooLarge.path("code").asText()).isEqualTo("request_too_large");
        JsonNode overloaded = json(OpenAiErrors.encode(GatewayError.of(Kind.OVERLOADED, "busy"))).path("error");
        assertThat(overloaded.path("type").asText()).isEqualTo("server_error");
        assertThat(overloaded.path("code").asText()).isEqualTo("overloaded");
        assertThat(json(OpenAiErrors.encode(GatewayError.of(Kind.HTTP_VERSION_NOT_SUPPORTED, "v"))).path("error")
                .path("code").asText()).isEqualTo("http_version_not_supported");
    }

    @Test
    void geminiShape() throws IOException {
        JsonNode timeout = json(GeminiErrors.encode(GatewayError.of(Kind.REQUEST_TIMEOUT, "slow"))).path("error");
        assertThat(timeout.path("code").asInt()).isEqualTo(408);
        assertThat(timeout.path("status").asText()).isEqualTo("DEADLINE_EXCEEDED");
        JsonNode headers = json(GeminiErrors.encode(GatewayError.of(Kind.HEADERS_TOO_LARGE, "h"))).path("error");
        assertThat(headers.path("code").asInt()).isEqualTo(431);
        assertThat(headers.path("status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(GeminiErrors.statusName(Kind.OVERLOADED)).isEqualTo("UNAVAILABLE");
    }

    @Test
    void anthropicShape() throws IOException {
        JsonNode tooLarge = json(AnthropicErrors.encode(GatewayError.of(Kind.PAYLOAD_TOO_LARGE, "big"))).path("error");
        assertThat(tooLarge.path("type").asText()).isEqualTo("request_too_large");
        assertThat(AnthropicErrors.status(GatewayError.of(Kind.PAYLOAD_TOO_LARGE, "big"))).isEqualTo(413);
        assertThat(AnthropicErrors.type(Kind.OVERLOADED)).isEqualTo("overloaded_error");
        // Junction's own lack of room is a 503, not the 529 Anthropic uses for an overloaded upstream.
        assertThat(AnthropicErrors.status(GatewayError.of(Kind.OVERLOADED, "busy"))).isEqualTo(503);
        assertThat(AnthropicErrors.type(Kind.URI_TOO_LONG)).isEqualTo("invalid_request_error");
        assertThat(AnthropicErrors.type(Kind.REQUEST_TIMEOUT)).isEqualTo("timeout_error");
    }
}
