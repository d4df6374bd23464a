package dev.junction.gateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every field of a record fits its column, whatever a client or an upstream put in it. */
class UsageRecordBoundsTest {
    static UsageRecord record(String id, String model) {
        return new UsageRecord(Instant.parse("2026-03-10T12:00:00Z"), id, Optional.of("tid-1"), Optional.of("team"),
                model, model, "mock", 1, "openai", "chat.completions", false, 10, 20, 0, 0, false, 100, 15,
                Optional.of(5L), 200, Optional.empty(), false);
    }

    @Test
    void aRecordThatFitsComesBackAsItWas() {
        UsageRecord r = record("req-1", "gemini-2.5-flash");
        assertThat(UsageRecordBounds.bound(r)).isSameAs(r);
    }

    @Test
    void aModelNameLongerThanItsColumnIsCutToTheColumn() {
        UsageRecord bounded = UsageRecordBounds.bound(record("req-1", "m".repeat(10_000)));
        assertThat(bounded.model()).hasSize(UsageRecordBounds.NAME).isEqualTo("m".repeat(200));
        assertThat(bounded.upstreamModel()).hasSize(200);
        assertThat(bounded.requestId()).isEqualTo("req-1");
    }

    @Test
    void everyTextIsCutToItsOwnColumn() {
        String huge = "x".repeat(1_000);
        UsageRecord r = new UsageRecord(Instant.EPOCH, huge, Optional.of(huge), Optional.of(huge), huge, huge, huge, 2,
                huge, huge, true, 1, 1, 1, 1, false, 1, 1, Optional.empty(), 500, Optional.of(huge), false);
        UsageRecord b = UsageRecordBounds.bound(r);
        assertThat(b.requestId()).hasSize(64);
        assertThat(b.tokenId()).hasValueSatisfying(v -> assertThat(v).hasSize(36));
        assertThat(b.tokenName()).hasValueSatisfying(v -> assertThat(v).hasSize(200));
        assertThat(b.upstream()).hasSize(100);
        assertThat(b.protocol()).hasSize(16);
        assertThat(b.endpoint()).hasSize(64);
        assertThat(b.errorKind()).hasValueSatisfying(v -> assertThat(v).hasSize(32));
    }

    @Test
    void aSurrogatePairIsNeverSplitAndNulAndLoneSurrogatesAreReplaced() {
        String emoji = "\uD83D\uDE00"; // one code point, two chars
        assertThat(UsageRecordBounds.text("a".repeat(199) + emoji, 200)).isEqualTo("a".repeat(199));
        assertThat(UsageRecordBounds.text("a".repeat(198) + emoji + "b", 200)).isEqualTo("a".repeat(198) + emoji);
        assertThat(UsageRecordBounds.text("nul\u0000here", 200)).isEqualTo("nul\uFFFDhere");
        assertThat(UsageRecordBounds.text("lone\uD800x", 200)).isEqualTo("lone\uFFFDx");
        assertThat(UsageRecordBounds.text("lone\uDC00", 200)).isEqualTo("lone\uFFFD");
    }

    @Test
    void countsThatCannotBeNegativeAreClampedAtZero() {
        UsageRecord r = new UsageRecord(Instant.EPOCH, "req", Optional.empty(), Optional.empty(), "m", "m", "u", -1,
                "openai", "e", false, -5, -6, -7, -8, false, -9, -10, Optional.of(-11L), 200, Optional.empty(), false);
        UsageRecord b = UsageRecordBounds.bound(r);
        assertThat(b.attempts()).isZero();
        assertThat(b.promptTokens()).isZero();
        assertThat(b.outputTokens()).isZero();
        assertThat(b.thoughtTokens()).isZero();
        assertThat(b.cachedTokens()).isZero();
        assertThat(b.costMicros()).isZero();
        assertThat(b.latencyMillis()).isZero();
        assertThat(b.firstByteMillis()).contains(0L);
    }
}
