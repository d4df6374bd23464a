package dev.junction.gateway.limits;

import dev.junction.gateway.access.Token;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/** The errors a limited token gets, worded so the caller knows which limit and for how long. */
final class QuotaErrors {
    private QuotaErrors() {}

    static GatewayException budgetExhausted(Token token, long budget, long spent, BudgetWindow window, Instant now) {
        String period = token.limits().budgetPeriod().map(p -> " for this " + switch (p) {
            case DAILY -> "day";
            case WEEKLY -> "week";
            case MONTHLY -> "month";
        }).orElse("");
        String reset = window.end().map(e -> "; it resets at " + e).orElse("; it does not reset");
        GatewayError error = GatewayError.of(GatewayError.Kind.QUOTA_EXHAUSTED,
                "The token '" + token.name() + "' has used its budget of $" + usd(budget) + period + " ($" + usd(spent)
                        + " spent or reserved)" + reset + ".").withCode("insufficient_quota");
        if (window.end().isPresent()) {
            error = error.withRetryAfter(Duration.between(now, window.end().get()));
        }
        return new GatewayException(error);
    }

    static GatewayException rateLimited(String message, Duration retryAfter) {
        return new GatewayException(GatewayError.of(GatewayError.Kind.RATE_LIMITED, message)
                .withCode("rate_limit_exceeded").withRetryAfter(retryAfter));
    }

    static String usd(long micros) {
        return BigDecimal.valueOf(micros, 6).stripTrailingZeros().setScale(Math.max(2,
                BigDecimal.valueOf(micros, 6).stripTrailingZeros().scale()), java.math.RoundingMode.UNNECESSARY)
                .toPlainString();
    }
}
