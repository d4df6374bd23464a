package dev.junction.gateway.access;

import java.util.Optional;

/**
 * What a token may spend. Absent means unlimited.
 *
 * @param budgetMicros spending cap in millionths of a US dollar
 * @param budgetPeriod when the spending resets; absent means never
 */
public record TokenLimits(
        Optional<Integer> requestsPerMinute,
        Optional<Integer> tokensPerMinute,
        Optional<Integer> maxConcurrent,
        Optional<Long> budgetMicros,
        Optional<BudgetPeriod> budgetPeriod) {

    public static final TokenLimits NONE = new TokenLimits(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());
}
