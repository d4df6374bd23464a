package dev.junction.gateway.cli;

import dev.junction.gateway.access.BudgetPeriod;
import dev.junction.gateway.access.CidrBlock;
import dev.junction.gateway.access.ModelAllowlist;
import dev.junction.gateway.access.Token;
import dev.junction.gateway.access.TokenChanges;
import dev.junction.gateway.store.Database;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code junction keys update NAME ...}: changes a token's limits, models, addresses, expiry or budget. */
@Command(name = "update", mixinStandardHelpOptions = true,
        description = "Change a token's settings; options left out stay as they are. Running gateways see the "
                + "change within seconds.")
final class KeysUpdateCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The token's name.")
    String name;

    @Option(names = "--models", paramLabel = "MODELS", description = "Comma-separated names or patterns, or 'all'.")
    String models;

    @Option(names = "--cidrs", paramLabel = "CIDRS", description = "Comma-separated address blocks, or 'any'.")
    String cidrs;

    @Option(names = "--expires", paramLabel = "DATE", description = "2027-01-01, 2027-01-01T12:00:00Z, or 'never'.")
    String expires;

    @Option(names = "--rpm", paramLabel = "N", description = "Requests per minute, or 'none'.")
    String rpm;

    @Option(names = "--tpm", paramLabel = "N", description = "Tokens per minute, or 'none'.")
    String tpm;

    @Option(names = "--concurrency", paramLabel = "N", description = "Requests in flight at once, or 'none'.")
    String concurrency;

    @Option(names = "--budget-usd", paramLabel = "USD", description = "Spending cap in US dollars, or 'none'.")
    String budget;

    @Option(names = "--budget-period", paramLabel = "PERIOD", description = "daily, weekly, monthly, or 'none'.")
    String budgetPeriod;

    @Override
    public Integer call() {
        TokenChanges changes = new TokenChanges(
                change(expires, "never", v -> KeysCommand.parseExpiry(v)),
                Optional.ofNullable(models).map(v -> v.equalsIgnoreCase("all") ? ModelAllowlist.ANY
                        : ModelAllowlist.parse(v)),
                Optional.ofNullable(cidrs).map(v -> v.equalsIgnoreCase("any") ? List.<CidrBlock>of()
                        : List.of(v.split(",")).stream().map(CidrBlock::parse).toList()),
                change(rpm, "none", v -> KeysCommand.positive("--rpm", number("--rpm", v))),
                change(tpm, "none", v -> KeysCommand.positive("--tpm", number("--tpm", v))),
                change(concurrency, "none", v -> KeysCommand.positive("--concurrency", number("--concurrency", v))),
                change(budget, "none", v -> Optional.of(KeysCommand.micros(new BigDecimal(v)))),
                change(budgetPeriod, "none", BudgetPeriod::parse));
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("nothing to change: give one or more options (see --help)");
        }
        try (Database database = Database.open(config.load().storage())) {
            Optional<Token> updated = KeysCommand.store(database).update(name, changes);
            if (updated.isEmpty()) {
                spec.commandLine().getErr().println("junction: no token named '" + name + "'");
                return 1;
            }
            CliAudit.record(database, "token.update", name, CliAudit.details("models", models, "cidrs", cidrs,
                    "expires", expires, "rpm", rpm, "tpm", tpm, "concurrency", concurrency, "budget_usd", budget,
                    "budget_period", budgetPeriod));
            spec.commandLine().getOut().println("Updated token '" + name + "': " + KeysCommand.describe(updated.get()));
        }
        return 0;
    }

    private static <T> Optional<Optional<T>> change(String value, String clear, Function<String, Optional<T>> parse) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.trim().toLowerCase(Locale.ROOT).equals(clear)) {
            return Optional.of(Optional.empty());
        }
        return Optional.of(parse.apply(value.trim()));
    }

    private static Integer number(String option, String value) {
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number or 'none', got '" + value + "'");
        }
    }

}
