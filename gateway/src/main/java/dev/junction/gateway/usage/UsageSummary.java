package dev.junction.gateway.usage;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Usage added up: per group (token, model or upstream) and optionally per hour or day, with totals. */
public record UsageSummary(List<Row> rows, Totals totals) {
    public enum GroupBy {
        TOKEN,
        MODEL,
        UPSTREAM,
        NONE;

        public static GroupBy parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
    }

    public enum Period {
        HOUR(3_600_000L),
        DAY(86_400_000L);

        private final long millis;

        Period(long millis) {
            this.millis = millis;
        }

        public long millis() {
            return millis;
        }

        public static Period parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
    }

    /**
     * @param period the start of the hour or day (UTC), when summarised per period
     * @param key the token name, model or upstream; empty when not grouped
     * @param errors requests that failed (an error kind or a status of 400 or more)
     */
    public record Row(Optional<Instant> period, String key, Totals totals) {}

    public record Totals(long requests, long errors, long promptTokens, long outputTokens, long thoughtTokens,
            long cachedTokens, long costMicros) {
        public static final Totals ZERO = new Totals(0, 0, 0, 0, 0, 0, 0);

        public Totals plus(Totals o) {
            return new Totals(requests + o.requests, errors + o.errors, promptTokens + o.promptTokens,
                    outputTokens + o.outputTokens, thoughtTokens + o.thoughtTokens, cachedTokens + o.cachedTokens,
                    costMicros + o.costMicros);
        }

        public long totalTokens() {
            return promptTokens + outputTokens + thoughtTokens;
        }
    }

    public static UsageSummary of(List<Row> rows) {
        Totals total = Totals.ZERO;
        for (Row r : rows) {
            total = total.plus(r.totals());
        }
        return new UsageSummary(List.copyOf(rows), total);
    }
}
