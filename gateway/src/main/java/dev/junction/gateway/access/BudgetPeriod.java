package dev.junction.gateway.access;

import java.util.Locale;
import java.util.Optional;

/** How often a token's budget starts again (in UTC). */
public enum BudgetPeriod {
    DAILY,
    WEEKLY,
    MONTHLY;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<BudgetPeriod> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        for (BudgetPeriod p : values()) {
            if (p.wire().equals(value.toLowerCase(Locale.ROOT))) {
                return Optional.of(p);
            }
        }
        throw new IllegalArgumentException("budget period must be daily, weekly or monthly, got '" + value + "'");
    }
}
