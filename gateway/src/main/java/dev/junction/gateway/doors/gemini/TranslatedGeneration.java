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
    private GatewayException undecodable;

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
     *     translation for this upstream (the failover then looks for another candidate)
     */
    Optional<Failover.Plan> plan(Target target) {
        if (method.embeds()) {
            throw refused(target, "has no embeddings for the Gemini API");
        }
        if (method == GeminiMethod.COUNT_TOKENS
                && (target.provider().tokenCounter().isEmpty() || !target.provider().capabilities().countsTokens())) {
            throw refused(target, "cannot count tokens");
        }
        if (planner == null) {
            planner = planner(decoded());
        }
        return planner.plan(target);
    }

    /** The body in canonical terms, decoded once (a body that cannot be is refused for every candidate). */
    private ChatRequest decoded() {
        if (undecodable != null) {
            throw undecodable;
        }
        try {
            ChatRequest request = method == GeminiMethod.COUNT_TOKENS
                    ? GeminiRequestDecoder.decodeCount(exchange.body(), model)
                    : GeminiRequestDecoder.decode(exchange.body(), model,
                            method == GeminiMethod.STREAM_GENERATE_CONTENT);
            exchange.chatRequest(request);
            return request;
        } catch (GatewayException e) {
            undecodable = e;
            throw e;
        }
    }

    private Failover.Planner planner(ChatRequest request) {
        if (method == GeminiMethod.COUNT_TOKENS) {
            return relay.countPlanner(exchange, request, GeminiTokenCount::encode);
        }
        StreamContext context = new StreamContext(exchange.requestId(), clock.instant().getEpochSecond(), model, true,
                request.reasoning().includeThoughts());
        return relay.chatPlanner(exchange, request, new GeminiAnswers(context, sse));
    }

    private GatewayException refused(Target target, String what) {
        return new GatewayException(GatewayError.of(GatewayError.Kind.INVALID_REQUEST, "The model '" + model
                + "' is served here by an upstream of kind '" + target.provider().kind() + "', which " + what
                + "; " + method.wire() + " is not available for it."));
    }
}
