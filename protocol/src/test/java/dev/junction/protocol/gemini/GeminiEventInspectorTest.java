package dev.junction.protocol.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.Usage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GeminiEventInspectorTest {
    private static GeminiEventInspector.Inspection inspect(String json) {
        return GeminiEventInspector.inspect(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsCumulativeUsageFromAnEventWithGooglesSpacing() {
        var inspection = inspect("{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \" is **Cheyenne**.\\n\"}],"
                + "\"role\": \"model\"},\"finishReason\": \"STOP\"}],\"usageMetadata\": {\"promptTokenCount\": 7,"
                + "\"candidatesTokenCount\": 10,\"totalTokenCount\": 17,\"thoughtsTokenCount\": 3,"
                + "\"cachedContentTokenCount\": 2},\"modelVersion\": \"gemini-2.0-flash\"}");
        assertThat(inspection.error()).isEmpty();
        assertThat(inspection.usage()).contains(new Usage(7, 2, 0, 10, 3, 17));
    }

    @Test
    void anEventWithoutUsageIsPlain() {
        var inspection = inspect("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"x\"}]}}]}");
        assertThat(inspection.usage()).isEmpty();
        assertThat(inspection.error()).isEmpty();
    }

    @Test
    void anErrorEventBecomesAGatewayError() {
        var inspection = inspect("{\"error\":{\"code\":503,\"message\":\"The model is overloaded.\",\"status\":\"UNAVAILABLE\"}}");
        assertThat(inspection.error()).get().extracting(GatewayError::kind)
                .isEqualTo(GatewayError.Kind.UPSTREAM_UNAVAILABLE);
        assertThat(inspection.error().get().message()).isEqualTo("The model is overloaded.");
    }

    @Test
    void garbageIsAnUpstreamError() {
        for (String garbage : new String[] {"not json", "{\"candidates\": [", "[1,2]", "{\"a\":1} trailing", ""}) {
            var inspection = inspect(garbage);
            assertThat(inspection.error()).as(garbage).get().extracting(GatewayError::kind)
                    .isEqualTo(GatewayError.Kind.UPSTREAM_ERROR);
        }
    }

    @Test
    void usageOfAPrettyPrintedWholeResponse() {
        String body = """
                {
                  "candidates": [ { "content": { "parts": [ { "text": "hi" } ], "role": "model" }, "finishReason": "STOP" } ],
                  "usageMetadata": {
                    "promptTokenCount": 38,
                    "candidatesTokenCount": 8,
                    "thoughtsTokenCount": 501,
                    "totalTokenCount": 547
                  },
                  "modelVersion": "gemini-2.5-pro"
                }
                """;
        assertThat(GeminiUsage.fromResponse(body.getBytes(StandardCharsets.UTF_8))).contains(new Usage(38, 0, 0, 8, 501, 547));
        assertThat(GeminiUsage.fromResponse("{\"candidates\":[]}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(GeminiUsage.fromResponse("nope".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
