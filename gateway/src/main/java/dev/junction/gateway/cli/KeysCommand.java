package dev.junction.gateway.cli;

import dev.junction.gateway.access.BudgetPeriod;
import dev.junction.gateway.access.CidrBlock;
import dev.junction.gateway.access.IssuedToken;
import dev.junction.gateway.access.ModelAllowlist;
import dev.junction.gateway.access.NewToken;
import dev.junction.gateway.access.Token;
import dev.junction.gateway.access.TokenLimits;
import dev.junction.gateway.access.TokenStore;
import dev.junction.gateway.store.Database;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code junction keys}: issue, list and revoke client tokens. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage client tokens.",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysUpdateCommand.class,
                KeysCommand.Revoke.class})
final class KeysCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static TokenStore store(Database database) {
        return new TokenStore(database, Clock.systemUTC());
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Issue a token. The token is printed once, as the last line; only its hash is kept.")
    static final class Create implements Callable<Integer> {
        @Mixin
        ConfigOptions config;

        @Spec
        CommandSpec spec;

        @Option(names = "--name", required = true, description = "A unique name for the token.")
        String name;

        @Option(names = "--models", split = ",", paramLabel = "MODEL",
                description = "Models it may use: names or patterns such as gemini-2.5-* (default: all).")
        List<String> models = List.of();

        @Option(names = "--expires", paramLabel = "DATE",
                description = "When it stops working: 2027-01-01 (midnight UTC) or 2027-01-01T12:00:00Z.")
        String expires;

        @Option(names = "--cidrs", split = ",", paramLabel = "CIDR",
                description = "Client addresses it may be used from, e.g. 10.0.0.0/8 (default: any).")
        List<String> cidrs = List.of();

        @Option(names = "--rpm", description = "Requests per minute.")
        Integer rpm;

        @Option(names = "--tpm", description = "Tokens (prompt + output) per minute.")
        Integer tpm;

        @Option(names = "--concurrency", description = "Requests in flight at once.")
        Integer concurrency;

        @Option(names = "--budget-usd", paramLabel = "USD", description = "Spending cap in US dollars.")
        BigDecimal budget;

        @Option(names = "--budget-period", description = "When the budget resets: daily, weekly or monthly.")
        String budgetPeriod;

        @Override
        public Integer call() {
            NewToken spec = new NewToken(name, parseExpiry(expires), new ModelAllowlist(models),
                    cidrs.stream().map(CidrBlock::parse).toList(),
                    new TokenLimits(positive("--rpm", rpm), positive("--tpm", tpm), positive("--concurrency", concurrency),
                            Optional.ofNullable(budget).map(KeysCommand::micros), BudgetPeriod.parse(budgetPeriod)));
            try (Database database = Database.open(config.load().storage())) {
                IssuedToken issued = store(database).create(spec);
                CliAudit.record(database, "token.create", name, CliAudit.details("models", String.join(",", models),
                        "cidrs", String.join(",", cidrs), "expires", expires, "rpm", str(rpm), "tpm", str(tpm),
                        "concurrency", str(concurrency), "budget_usd", budget == null ? null : budget.toPlainString(),
                        "budget_period", budgetPeriod));
                PrintWriter out = this.spec.commandLine().getOut();
                out.println("Created token '" + issued.token().name() + "'. Keep it now: it is shown only once.");
                out.println(issued.secret());
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tokens (never their secrets).")
    static final class ListKeys implements Callable<Integer> {
        @Mixin
        ConfigOptions config;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Database database = Database.open(config.load().storage())) {
                PrintWriter out = spec.commandLine().getOut();
                out.printf("%-24s %-8s %-8s %-20s %-24s %s%n", "NAME", "STATUS", "SECRET", "CREATED", "EXPIRES", "LIMITS");
                for (Token t : store(database).list()) {
                    out.printf("%-24s %-8s %-8s %-20s %-24s %s%n", t.name(), t.status().wire(), t.secretHint(),
                            t.createdAt().toString().substring(0, 19) + "Z", t.expiresAt().map(Instant::toString).orElse("never"),
                            describe(t));
                }
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token (it stops working within seconds).")
    static final class Revoke implements Callable<Integer> {
        @Mixin
        ConfigOptions config;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The token's name.")
        String name;

        @Override
        public Integer call() {
            try (Database database = Database.open(config.load().storage())) {
                if (!store(database).revoke(name)) {
                    spec.commandLine().getErr().println("junction: no active token named '" + name + "'");
                    return 1;
                }
                CliAudit.record(database, "token.revoke", name, "{}");
                spec.commandLine().getOut().println("Revoked token '" + name + "'.");
            }
            return 0;
        }
    }

    /** A token's settings on one line: models, addresses, limits and budget. */
    static String describe(Token t) {
        List<String> parts = new java.util.ArrayList<>();
        parts.add("models=" + (t.models().allowsAll() ? "all" : t.models().joined()));
        if (!t.cidrs().isEmpty()) {
            parts.add("cidrs=" + String.join(",", t.cidrs().stream().map(CidrBlock::text).toList()));
        }
        t.limits().requestsPerMinute().ifPresent(n -> parts.add("rpm=" + n));
        t.limits().tokensPerMinute().ifPresent(n -> parts.add("tpm=" + n));
        t.limits().maxConcurrent().ifPresent(n -> parts.add("concurrency=" + n));
        t.limits().budgetMicros().ifPresent(b -> parts.add("budget=$" + dev.junction.gateway.admin.AdminJson.usd(b)
                + t.limits().budgetPeriod().map(p -> "/" + p.wire()).orElse("")));
        return String.join(" ", parts);
    }

    private static String str(Integer n) {
        return n == null ? null : n.toString();
    }

    static Optional<Instant> parseExpiry(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            if (text.length() == 10) {
                return Optional.of(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--expires must be a date such as 2027-01-01 or a time such as "
                    + "2027-01-01T12:00:00Z, got '" + text + "'");
        }
    }

    static Optional<Integer> positive(String option, Integer value) {
        if (value != null && value <= 0) {
            throw new IllegalArgumentException(option + " must be a positive number, got " + value);
        }
        return Optional.ofNullable(value);
    }

    static long micros(BigDecimal usd) {
        if (usd.signum() < 0) {
            throw new IllegalArgumentException("--budget-usd must not be negative");
        }
        return usd.movePointRight(6).longValueExact();
    }
}
