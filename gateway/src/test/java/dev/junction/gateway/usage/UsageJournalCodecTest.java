package dev.junction.gateway.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A journal line is one valid JSON object on one line, and reads back as the record it was. */
class UsageJournalCodecTest {
    static UsageRecord record(String text) {
        return new UsageRecord(Instant.ofEpochMilli(1_773_144_000_123L), "req_1", Optional.of("tid"), Optional.of(text),
                text, "um", "u", 3, "openai", "chat.completions", true, 1, 2, 3, 4, true, 5, 6, Optional.of(7L), 429,
                Optional.of("RATE_LIMITED"), true);
    }

    @Test
    void quotesBackslashesControlsAndNonAsciiTextRoundTripOnOneLine() throws Exception {
        String hostile = "a \"quoted\" \\back\\slash\nnew line\ttab \u0001\u001f\u0000 é 日本 \uD83D\uDE00 end";
        UsageRecord r = record(hostile);
        byte[] line = UsageJournalCodec.encode(r);
        assertThat(line[line.length - 1]).isEqualTo((byte) '\n');
        for (int i = 0; i < line.length - 1; i++) {
            assertThat(line[i]).as("byte " + i).isNotEqualTo((byte) '\n').isNotEqualTo((byte) 0);
        }
        JsonNode parsed = Json.MAPPER.readTree(new String(line, StandardCharsets.UTF_8));
        assertThat(parsed.path("m").asText()).isEqualTo(hostile);
        assertThat(UsageJournalCodec.decode(line, 0, line.length - 1)).isEqualTo(r);
    }

    @Test
    void absentValuesStayAbsent() {
        UsageRecord r = new UsageRecord(Instant.ofEpochMilli(1), "req_2", Optional.empty(), Optional.empty(), "", "", "",
                0, "gemini", "generateContent", false, 0, 0, 0, 0, false, 0, 0, Optional.empty(), 401,
                Optional.empty(), false);
        byte[] line = UsageJournalCodec.encode(r);
        assertThat(UsageJournalCodec.decode(line, 0, line.length - 1)).isEqualTo(r);
    }

    @Test
    void aCutLineIsRefused() {
        byte[] line = UsageJournalCodec.encode(record("x"));
        assertThatThrownBy(() -> UsageJournalCodec.decode(line, 0, line.length / 2))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
