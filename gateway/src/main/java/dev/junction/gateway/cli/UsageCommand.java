package dev.junction.gateway.cli;

import dev.junction.gateway.admin.AdminJson;
import dev.junction.gateway.store.Database;
import dev.junction.gateway.usage.JdbcUsageStore;
import dev.junction.gateway.usage.UsageQuery;
import dev.junction.gateway.usage.UsageSummary;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code junction usage}: requests, tokens and cost added up by token, model or upstream, optionally per hour or day. */
@Command(name = "usage", mixinStandardHelpOptions = true,
        description = "Show usage and cost by token, model or upstream over a time range (UTC).")
final class UsageCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Spec
    CommandSpec spec;

    @Option(names = "--by", defaultValue = "token", description = "token, model, upstream or none (default: ${DEFAULT-VALUE}).")
    String by;

    @Option(names = "--per", description = "hour or day: one row per period as well.")
    String per;

    @Option(names = "--since", description = "Start: 2026-03-01, 2026-03-01T09:00:00Z, or 24h / 7d ago "
            + "(default: 24h).")
    String since;

    @Option(names = "--until", description = "End, exclusive (default: now).")
    String until;

    @Option(names = "--token", description = "Only this token.")
    String token;

    @Option(names = "--model", description = "Only this model.")
    String model;

    @Override
    public Integer call() {
        Instant now = Instant.now();
        Instant end = until == null ? now.plus(Duration.ofMinutes(1)) : time(until, "--until", now);
        Instant start = since == null ? now.minus(Duration.ofHours(24)) : time(since, "--since", now);
        UsageSummary.GroupBy groupBy = parse(() -> UsageSummary.GroupBy.parse(by), "--by must be token, model, upstream or none");
        Optional<UsageSummary.Period> period = per == null ? Optional.empty()
                : Optional.of(parse(() -> UsageSummary.Period.parse(per), "--per must be hour or day"));
        UsageQuery query = new UsageQuery(start, end, Optional.ofNullable(token), Optional.ofNullable(model));
        try (Database database = Database.open(config.load().storage())) {
            print(new JdbcUsageStore(database).summarize(query, groupBy, period), groupBy, period, query);
        }
        return 0;
    }

    private void print(UsageSummary summary, UsageSummary.GroupBy groupBy, Optional<UsageSummary.Period> period,
            UsageQuery query) {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Usage from " + query.since() + " to " + query.until());
        String format = "%-17s %-28s %9s %7s %12s %12s %12s %12s %12s%n";
        out.printf(format, period.isPresent() ? period.get().name() : "", groupBy == UsageSummary.GroupBy.NONE ? ""
                : groupBy.name(), "REQUESTS", "ERRORS", "PROMPT", "OUTPUT", "THOUGHT", "CACHED", "COST_USD");
        for (UsageSummary.Row row : summary.rows()) {
            UsageSummary.Totals t = row.totals();
            out.printf(format, row.period().map(p -> p.toString().substring(0, 16).replace('T', ' ')).orElse(""),
                    row.key().isEmpty() && groupBy != UsageSummary.GroupBy.NONE ? "-" : row.key(), t.requests(),
                    t.errors(), t.promptTokens(), t.outputTokens(), t.thoughtTokens(), t.cachedTokens(),
                    AdminJson.usd(t.costMicros()));
        }
        UsageSummary.Totals t = summary.totals();
        out.printf(format, "TOTAL", "", t.requests(), t.errors(), t.promptTokens(), t.outputTokens(),
                t.thoughtTokens(), t.cachedTokens(), AdminJson.usd(t.costMicros()));
        out.flush();
    }

    /** A date (midnight UTC), a time with offset, or a span back from now such as 24h or 7d. */
    static Instant time(String text, String option, Instant now) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.matches("\\d+[mhd]")) {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                return now.minus(switch (t.charAt(t.length() - 1)) {
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                });
            }
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a date (2026-03-01), a time (2026-03-01T09:00:00Z) "
                    + "or a span back from now (24h, 7d), got '" + text + "'");
        }
    }

    private static <T> T parse(java.util.function.Supplier<T> parse, String message) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(message);
        }
    }
}
