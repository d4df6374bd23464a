package dev.junction.gateway.usage;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;

/**
 * One usage record as one line of the journal: a JSON object with short keys and a newline, and
 * back. Times are epoch milliseconds, as the database keeps them. Pure.
 */
final class UsageJournalCodec {
    private UsageJournalCodec() {}

    /** The record's line, newline included. */
    static byte[] encode(UsageRecord r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(384);
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("t", r.time().toEpochMilli());
            g.writeStringField("id", r.requestId());
            optional(g, "tid", r.tokenId());
            optional(g, "tn", r.tokenName());
            g.writeStringField("m", r.model());
            g.writeStringField("um", r.upstreamModel());
            g.writeStringField("u", r.upstream());
            g.writeNumberField("a", r.attempts());
            g.writeStringField("p", r.protocol());
            g.writeStringField("e", r.endpoint());
            g.writeBooleanField("s", r.stream());
            g.writeNumberField("pt", r.promptTokens());
            g.writeNumberField("ot", r.outputTokens());
            g.writeNumberField("tt", r.thoughtTokens());
            g.writeNumberField("ct", r.cachedTokens());
            g.writeBooleanField("est", r.estimated());
            g.writeNumberField("c", r.costMicros());
            g.writeNumberField("l", r.latencyMillis());
            if (r.firstByteMillis().isPresent()) {
                g.writeNumberField("fb", r.firstByteMillis().get());
            }
            g.writeNumberField("st", r.status());
            optional(g, "ek", r.errorKind());
            g.writeBooleanField("cg", r.clientGone());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static void optional(JsonGenerator g, String name, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            g.writeStringField(name, value.get());
        }
    }

    /**
     * The record of one line (without its newline).
     *
     * @throws IllegalArgumentException when the line is not a whole record (cut by a crash)
     */
    static UsageRecord decode(byte[] line, int from, int to) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(line, from, to - from);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a journal line: " + e.getMessage(), e);
        }
        if (n == null || !n.isObject() || !n.hasNonNull("id") || !n.hasNonNull("t") || !n.has("cg")) {
            throw new IllegalArgumentException("not a whole journal line");
        }
        return new UsageRecord(
                Instant.ofEpochMilli(n.get("t").asLong()),
                n.get("id").asText(),
                text(n, "tid"),
                text(n, "tn"),
                n.path("m").asText(""),
                n.path("um").asText(""),
                n.path("u").asText(""),
                n.path("a").asInt(0),
                n.path("p").asText(""),
                n.path("e").asText(""),
                n.path("s").asBoolean(false),
                n.path("pt").asInt(0),
                n.path("ot").asInt(0),
                n.path("tt").asInt(0),
                n.path("ct").asInt(0),
                n.path("est").asBoolean(false),
                n.path("c").asLong(0),
                n.path("l").asLong(0),
                n.hasNonNull("fb") ? Optional.of(n.get("fb").asLong()) : Optional.empty(),
                n.path("st").asInt(0),
                text(n, "ek"),
                n.get("cg").asBoolean(false));
    }

    private static Optional<String> text(JsonNode n, String name) {
        return n.hasNonNull(name) ? Optional.of(n.get(name).asText()) : Optional.empty();
    }
}
