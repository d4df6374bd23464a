package dev.junction.gateway.usage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * One usage record as one line of the journal: a JSON object with short keys and a newline, and
 * back. Times are epoch milliseconds, as the database keeps them. Pure.
 */
final class UsageJournalCodec {
    private UsageJournalCodec() {}

    /**
     * The record's line, newline included. Written by hand rather than with a Jackson generator,
     * which cost several times more per record (this runs on an event loop for every request).
     * The record must be bounded ({@link UsageRecordBounds}): no lone surrogates.
     */
    static byte[] encode(UsageRecord r) {
        StringBuilder b = new StringBuilder(400);
        b.append("{\"t\":").append(r.time().toEpochMilli());
        text(b, "id", r.requestId());
        optional(b, "tid", r.tokenId());
        optional(b, "tn", r.tokenName());
        text(b, "m", r.model());
        text(b, "um", r.upstreamModel());
        text(b, "u", r.upstream());
        b.append(",\"a\":").append(r.attempts());
        text(b, "p", r.protocol());
        text(b, "e", r.endpoint());
        b.append(",\"s\":").append(r.stream());
        b.append(",\"pt\":").append(r.promptTokens());
        b.append(",\"ot\":").append(r.outputTokens());
        b.append(",\"tt\":").append(r.thoughtTokens());
        b.append(",\"ct\":").append(r.cachedTokens());
        b.append(",\"est\":").append(r.estimated());
        b.append(",\"c\":").append(r.costMicros());
        b.append(",\"l\":").append(r.latencyMillis());
        if (r.firstByteMillis().isPresent()) {
            b.append(",\"fb\":").append(r.firstByteMillis().get().longValue());
        }
        b.append(",\"st\":").append(r.status());
        optional(b, "ek", r.errorKind());
        b.append(",\"cg\":").append(r.clientGone()).append("}\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void optional(StringBuilder b, String name, Optional<String> value) {
        if (value.isPresent()) {
            text(b, name, value.get());
        }
    }

    /** {@code ,"name":"value"} with the value escaped as JSON requires (quotes, backslashes, controls). */
    private static void text(StringBuilder b, String name, String value) {
        b.append(",\"").append(name).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            } else {
                b.append(c);
            }
        }
        b.append('"');
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

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
