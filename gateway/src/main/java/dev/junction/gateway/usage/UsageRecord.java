package dev.junction.gateway.usage;

import java.time.Instant;
import java.util.Optional;

/**
 * What one request did and cost: the unit of metering. Times in milliseconds.
 *
 * @param tokenId the token's id (absent when the request failed authentication)
 * @param model the model the client asked for
 * @param requestId Junction's id of the request (never a client's): the record's unique key, by
 *     which a record written twice (a retried batch, a journal replayed after a crash) is stored once
 * @param upstreamModel the model name sent upstream
 * @param upstream the upstream that served the request (the last one tried), empty when none was
 * @param attempts how many upstream calls the request made, retries and failovers included
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
        int attempts,
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
        boolean clientGone) {
    /** A record that does not say how many calls were made: one when an upstream was tried, else none. */
    public UsageRecord(Instant time, String requestId, Optional<String> tokenId, Optional<String> tokenName,
            String model, String upstreamModel, String upstream, String protocol, String endpoint, boolean stream,
            int promptTokens, int outputTokens, int thoughtTokens, int cachedTokens, boolean estimated,
            long costMicros, long latencyMillis, Optional<Long> firstByteMillis, int status,
            Optional<String> errorKind, boolean clientGone) {
        this(time, requestId, tokenId, tokenName, model, upstreamModel, upstream, upstream.isEmpty() ? 0 : 1,
                protocol, endpoint, stream, promptTokens, outputTokens, thoughtTokens, cachedTokens, estimated,
                costMicros, latencyMillis, firstByteMillis, status, errorKind, clientGone);
    }
}
