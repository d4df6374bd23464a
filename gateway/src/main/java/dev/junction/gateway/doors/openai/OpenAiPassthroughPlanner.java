package dev.junction.gateway.doors.openai;

import dev.junction.gateway.context.Exchange;
import dev.junction.gateway.providers.Credential;
import dev.junction.gateway.providers.OpenAiNativeApi;
import dev.junction.gateway.providers.UpstreamCall;
import dev.junction.gateway.providers.UpstreamResponse;
import dev.junction.gateway.relay.ChatRelay;
import dev.junction.gateway.relay.Failover;
import dev.junction.gateway.relay.Target;
import dev.junction.protocol.openai.OpenAiPassthrough;
import dev.junction.protocol.model.Usage;
import dev.junction.protocol.openai.OpenAiUsage;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * How a candidate that speaks OpenAI's API itself serves an OpenAI-door request (chat or
 * embeddings): the client's body as it came, only the model and credential changed
 * ({@link OpenAiPassthrough}), the answer relayed as the vendor sent it, its usage tapped on the
 * way. Candidates of other protocols get no plan here (the door's canonical plan serves them).
 */
final class OpenAiPassthroughPlanner {
    private OpenAiPassthroughPlanner() {}

    /** A chat completion, whole or streamed. */
    static Optional<Failover.Plan> plan(Exchange exchange, Target target, ChatRelay relay) {
        Optional<OpenAiNativeApi> api = target.provider().nativeApi(OpenAiNativeApi.class);
        if (api.isEmpty()) {
            return Optional.empty();
        }
        OpenAiPassthrough.Rewritten rewritten = OpenAiPassthrough.rewrite(exchange.body(), target.model());
        return Optional.of(new Failover.Plan() {
            @Override
            public Future<UpstreamCall> call(Credential credential) {
                return Future.succeededFuture(api.get().chatCompletions(rewritten.body(), credential));
            }

            @Override
            public void answer(UpstreamResponse response) {
                if (rewritten.stream()) {
                    dev.junction.gateway.relay.StreamRelay.start(exchange, target.provider(), response,
                            new OpenAiPassthroughStream(rewritten.clientWantsUsage(), u -> exchange.usage(u, false),
                                    exchange::error, exchange::scrub));
                } else {
                    relay.relayWhole(exchange, target.provider(), response, OpenAiUsage::fromResponse);
                }
            }
        });
    }

    /**
     * An embeddings call. A vendor that reports no token count gets {@code estimate} recorded,
     * marked as an estimate.
     */
    static Optional<Failover.Plan> embeddings(Exchange exchange, Target target, ChatRelay relay, Usage estimate) {
        Optional<OpenAiNativeApi> api = target.provider().nativeApi(OpenAiNativeApi.class);
        if (api.isEmpty()) {
            return Optional.empty();
        }
        byte[] body = OpenAiPassthrough.rewrite(exchange.body(), target.model()).body();
        return Optional.of(new Failover.Plan() {
            @Override
            public Future<UpstreamCall> call(Credential credential) {
                return Future.succeededFuture(api.get().embeddings(body, credential));
            }

            @Override
            public void answer(UpstreamResponse response) {
                relay.relayWhole(exchange, target.provider(), response, answer -> {
                    Optional<Usage> usage = OpenAiUsage.fromResponse(answer);
                    if (usage.isEmpty()) {
                        exchange.usage(estimate, true);
                    }
                    return usage;
                });
            }
        });
    }
}
