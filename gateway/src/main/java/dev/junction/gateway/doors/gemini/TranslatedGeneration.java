package dev.junction.gateway.doors.gemini;

import dev.junction.gateway.context.Exchange;
import dev.junction.gateway.providers.GeminiMethod;
import dev.junction.gateway.relay.ChatRelay;
import dev.junction.gateway.relay.Failover;
import dev.junction.gateway.relay.Target;
import dev.junction.protocol.gemini.GeminiRequestDecoder;
import dev.junction.protocol.gemini.GeminiTokenCount;
import dev.junction.protocol.model.ChatRequest;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import dev.junction.protocol.model.StreamContext;
import java.time.Clock;
import java.util.Optional;

/**
 * A Gemini call served by an upstream that does not speak the Gemini API (Anthropic, say): the
 * body is decoded into Junction's canonical model the first time such a candidate comes up (a
 * request that only ever meets Gemini upstreams is relayed unchanged and never decoded), then
 * served through {@link ChatRelay} and answered in Gemini's shape ({@link GeminiAnswers}).
 * {@code countTokens} goes to the vendor's token counter; the embedding methods have no
 * translation and are refused naming the upstream's kind. One instance per request.
 */
final class TranslatedGeneration {
    private final Exchange exchange;
    private final GeminiMethod method;
    private final String model;
    private final boolean sse;
    private final ChatRelay relay;
    private final Clock clock;
    private Failover.Planner planner;

    TranslatedGeneration(Exchange exchange, GeminiMethod method, String model, boolean sse, ChatRelay relay,
            Clock clock) {
        this.exchange = exchange;
        this.method = method;
        this.model = model;
        this.sse = sse;
        this.relay = relay;
        this.clock = clock;
    }

    /**
     * The plan for {@code target}.
     *
     * @throws GatewayException a 400 when the body cannot be translated or the method has no
     *     translation (the failover then looks for another candidate)
     */
    Optional<Failover.Plan> plan(Target target) {
        if (planner == null) {
            planner = planner(target);
        }
        return planner.plan(target);
    }

    private Failover.Planner planner(Target target) {
        return switch (method) {
            case GENERATE_CONTENT, STREAM_GENERATE_CONTENT -> {
                ChatRequest request = GeminiRequestDecoder.decode(exchange.body(), model,
                        method == GeminiMethod.STREAM_GENERATE_CONTENT);
                exchange.chatRequest(request);
                StreamContext context = new StreamContext(exchange.requestId(), clock.instant().getEpochSecond(),
                        model, true, request.reasoning().includeThoughts());
                yield relay.chatPlanner(exchange, request, new GeminiAnswers(context, sse));
            }
            case COUNT_TOKENS -> {
                if (target.provider().tokenCounter().isEmpty() || !target.provider().capabilities().countsTokens()) {
                    throw refused(target, "cannot count tokens");
                }
                ChatRequest request = GeminiRequestDecoder.decodeCount(exchange.body(), model);
                exchange.chatRequest(request);
                yield relay.countPlanner(exchange, request, GeminiTokenCount::encode);
            }
            case EMBED_CONTENT, BATCH_EMBED_CONTENTS -> throw refused(target, "has no embeddings for the Gemini API");
        };
    }

    private GatewayException refused(Target target, String what) {
        return new GatewayException(GatewayError.of(GatewayError.Kind.INVALID_REQUEST, "The model '" + model
                + "' is served here by an upstream of kind '" + target.provider().kind() + "', which " + what
                + "; " + method.wire() + " is not available for it."));
    }
}
