package dev.junction.gateway.usage;

import java.time.Instant;
import java.util.Optional;

/**
 * What one request did and cost: the unit of metering. Times in milliseconds.
 *
 * @param tokenId the token's id (absent when the request failed authentication)
 * @param model the model the client asked for
 * @param upstreamModel the model name sent upstream
 * @param estimated whether the token counts are Junction's estimate (the upstream reported none)
 * @param costMicros the cost in millionths of a US dollar
 * @param firstByteMillis time to the first response byte, when one was sent
 * @param errorKind the kind of error, when the request failed
 */
public record UsageRecord(
        Instant time,
        String requestId,
        Optional<String> tokenId,
        Optional<String> tokenName,
        String model,
        String upstreamModel,
        String upstream,
        String protocol,
        String endpoint,
        boolean stream,
        int promptTokens,
        int outputTokens,
        int thoughtTokens,
        int cachedTokens,
        boolean estimated,
        long costMicros,
        long latencyMillis,
        Optional<Long> firstByteMillis,
        int status,
        Optional<String> errorKind,
        boolean clientGone) {}
