package dev.junction.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.gateway.usage.UsageRecord;
import dev.junction.protocol.Json;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** The two log formats: one line per message, or one JSON object per line with a request's fields. */
class LogFormatTest {
    private static final UsageRecord RECORD = new UsageRecord(Instant.parse("2026-12-03T10:00:00Z"), "req_42",
            Optional.of("tok_1"), Optional.of("alice"), "model-{0}", "gemini-2.5-flash", "google", "openai",
            "chat.completions", true, 120, 80, 30, 10, false, 1_250, 420, Optional.of(40L), 200, Optional.empty(), false);

    private static LogRecord requestLine() {
        LogRecord entry = new LogRecord(Level.INFO, "request=req_42 model=model-{0} upstream=google");
        entry.setLoggerName("junction.requests");
        entry.setParameters(new Object[] {RECORD});
        return entry;
    }

    @Test
    void jsonLinesCarryARequestsFields() throws Exception {
        String line = new JsonLogFormatter().format(requestLine());
        assertThat(line).endsWith("\n").doesNotContain("\n{");
        JsonNode json = Json.MAPPER.readTree(line);
        assertThat(json.path("logger").asText()).isEqualTo("junction.requests");
        assertThat(json.path("level").asText()).isEqualTo("INFO");
        assertThat(json.path("request_id").asText()).isEqualTo("req_42");
        assertThat(json.path("token").asText()).isEqualTo("alice");
        assertThat(json.path("door").asText()).isEqualTo("openai");
        assertThat(json.path("model").asText()).isEqualTo("model-{0}");
        assertThat(json.path("upstream").asText()).isEqualTo("google");
        assertThat(json.path("status").asInt()).isEqualTo(200);
        assertThat(json.path("prompt_tokens").asInt()).isEqualTo(120);
        assertThat(json.path("output_tokens").asInt()).isEqualTo(80);
        assertThat(json.path("cost_usd").decimalValue()).isEqualByComparingTo("0.00125");
        assertThat(json.path("latency_ms").asLong()).isEqualTo(420);
        assertThat(json.path("ttfb_ms").asLong()).isEqualTo(40);
        assertThat(json.path("error").isNull()).isTrue();
    }

    @Test
    void otherJsonLinesCarryTheirMessageAndError() throws Exception {
        LogRecord entry = new LogRecord(Level.WARNING, "upstream {0} failed");
        entry.setLoggerName("dev.junction.gateway.relay.Failover");
        entry.setParameters(new Object[] {"google"});
        entry.setThrown(new IllegalStateException("boom"));
        JsonNode json = Json.MAPPER.readTree(new JsonLogFormatter().format(entry));
        assertThat(json.path("message").asText()).isEqualTo("upstream google failed");
        assertThat(json.path("level").asText()).isEqualTo("WARNING");
        assertThat(json.path("error").asText()).contains("IllegalStateException: boom");
    }

    @Test
    void aRequestsTextLineIsWrittenAsMadeBracesAndAll() {
        String line = new TextLogFormatter().format(requestLine());
        assertThat(line).contains("INFO    junction.requests: request=req_42 model=model-{0} upstream=google");
    }

    @Test
    void theFormatIsChosenByName() {
        assertThat(Logging.formatter("json")).isInstanceOf(JsonLogFormatter.class);
        assertThat(Logging.formatter(" JSON ")).isInstanceOf(JsonLogFormatter.class);
        assertThat(Logging.formatter("text")).isInstanceOf(TextLogFormatter.class);
        assertThat(Logging.formatter(null)).isInstanceOf(TextLogFormatter.class);
    }
}
