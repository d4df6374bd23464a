package dev.junction.gateway.usage;

import dev.junction.gateway.access.Token;
import dev.junction.gateway.context.Exchange;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.Usage;
import java.time.Duration;

/** Builds the usage record of a finished exchange. */
public final class UsageRecords {
    private UsageRecords() {}

    public static UsageRecord of(Exchange ex, long endNanos, long costMicros) {
        Usage usage = ex.usage().orElse(Usage.ZERO);
        return new UsageRecord(
                ex.startedAt(),
                ex.requestId(),
                ex.token().map(Token::id),
                ex.token().map(Token::name),
                ex.model().orElse(""),
                ex.upstreamModel().orElse(ex.model().orElse("")),
                ex.upstreamName().orElse(""),
                ex.attempts(),
                ex.api().wire(),
                ex.endpoint().name(),
                ex.stream(),
                usage.promptTokens(),
                usage.outputTokens(),
                usage.thoughtTokens(),
                usage.cachedTokens(),
                ex.usageEstimated(),
                costMicros,
                Duration.ofNanos(endNanos - ex.startNanos()).toMillis(),
                ex.firstByteNanos().map(t -> Duration.ofNanos(t - ex.startNanos()).toMillis()),
                ex.status(),
                ex.error().map(GatewayError::kind).map(Enum::name),
                ex.clientGone());
    }

}
