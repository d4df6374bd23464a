package dev.junction.gateway.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What an operator changes on a token. For each setting the outer {@code Optional} says whether
 * it changes; for clearable settings the inner one is the new value, empty meaning "no limit"
 * (or "never expires").
 */
public record TokenChanges(
        Optional<Optional<Instant>> expiresAt,
        Optional<ModelAllowlist> models,
        Optional<List<CidrBlock>> cidrs,
        Optional<Optional<Integer>> requestsPerMinute,
        Optional<Optional<Integer>> tokensPerMinute,
        Optional<Optional<Integer>> maxConcurrent,
        Optional<Optional<Long>> budgetMicros,
        Optional<Optional<BudgetPeriod>> budgetPeriod) {

    public static final TokenChanges NONE = new TokenChanges(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public boolean isEmpty() {
        return equals(NONE);
    }

    /** {@code token} with these changes (status, name, secret and times untouched). */
    public Token applyTo(Token token, Instant now) {
        TokenLimits l = token.limits();
        TokenLimits limits = new TokenLimits(
                requestsPerMinute.orElse(l.requestsPerMinute()),
                tokensPerMinute.orElse(l.tokensPerMinute()),
                maxConcurrent.orElse(l.maxConcurrent()),
                budgetMicros.orElse(l.budgetMicros()),
                budgetPeriod.orElse(l.budgetPeriod()));
        return new Token(token.id(), token.name(), token.secretHash(), token.secretHint(), token.status(),
                token.createdAt(), now, expiresAt.orElse(token.expiresAt()), models.orElse(token.models()),
                cidrs.orElse(token.cidrs()), limits);
    }
}
