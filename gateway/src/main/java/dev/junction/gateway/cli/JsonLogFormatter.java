package dev.junction.gateway.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.junction.gateway.usage.UsageRecord;
import dev.junction.protocol.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * {@code logging.format: json} (or {@code JUNCTION_LOG_FORMAT=json}): one JSON object per line
 * for log shippers, {@code time}, {@code level}, {@code logger}, {@code message} (and
 * {@code error} with the stack trace); a request's line carries its fields instead: request id,
 * token, door, endpoint, model, upstream, attempts, status, tokens, cost, latency, time to first byte.
 */
final class JsonLogFormatter extends Formatter {
    @Override
    public String format(LogRecord record) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("time", Instant.ofEpochMilli(record.getMillis()).toString());
            g.writeStringField("level", record.getLevel().getName());
            g.writeStringField("logger", record.getLoggerName());
            Object[] params = record.getParameters();
            if (params != null && params.length == 1 && params[0] instanceof UsageRecord r) {
                request(g, r);
            } else {
                g.writeStringField("message", formatMessage(record));
            }
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                g.writeStringField("error", trace.toString());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append('\n').toString();
    }

    private static void request(JsonGenerator g, UsageRecord r) throws IOException {
        g.writeStringField("request_id", r.requestId());
        g.writeStringField("token", r.tokenName().orElse(null));
        g.writeStringField("door", r.protocol());
        g.writeStringField("endpoint", r.endpoint());
        g.writeStringField("model", r.model().isEmpty() ? null : r.model());
        g.writeStringField("upstream", r.upstream().isEmpty() ? null : r.upstream());
        g.writeNumberField("attempts", r.attempts());
        g.writeBooleanField("stream", r.stream());
        g.writeNumberField("status", r.status());
        g.writeNumberField("prompt_tokens", r.promptTokens());
        g.writeNumberField("output_tokens", r.outputTokens());
        g.writeNumberField("thought_tokens", r.thoughtTokens());
        g.writeNumberField("cached_tokens", r.cachedTokens());
        g.writeBooleanField("estimated", r.estimated());
        g.writeNumberField("cost_usd", java.math.BigDecimal.valueOf(r.costMicros(), 6));
        g.writeNumberField("latency_ms", r.latencyMillis());
        if (r.firstByteMillis().isPresent()) {
            g.writeNumberField("ttfb_ms", r.firstByteMillis().get());
        } else {
            g.writeNullField("ttfb_ms");
        }
        g.writeStringField("error", r.errorKind().orElse(null));
        g.writeBooleanField("client_gone", r.clientGone());
    }
}
