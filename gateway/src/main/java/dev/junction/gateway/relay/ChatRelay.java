package dev.junction.gateway.relay;

import dev.junction.gateway.context.Exchange;
import dev.junction.gateway.media.MediaResolver;
import dev.junction.gateway.providers.Credential;
import dev.junction.gateway.providers.Provider;
import dev.junction.gateway.providers.ResponseBudget;
import dev.junction.gateway.providers.TokenCounter;
import dev.junction.gateway.providers.UpstreamCall;
import dev.junction.gateway.providers.UpstreamResponse;
import dev.junction.gateway.signature.SignatureRestorer;
import dev.junction.protocol.model.ChatRequest;
import dev.junction.protocol.model.ChatResponse;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import dev.junction.protocol.model.ToolCallIds;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * A canonical chat request served through whichever candidate accepts it, whatever its vendor:
 * the door has decoded the client's request; here stored thought signatures are restored, media
 * URLs the vendor cannot read are fetched (once, for every candidate that needs them), the
 * provider writes its call, and its answer comes back through the door's encoders, whole or
 * event by event, with usage and signatures tapped on the way.
 */
public final class ChatRelay {
    /** A token count's answer is a few dozen bytes; more is garbage. */
    private static final int MAX_COUNT_BYTES = 64 * 1024;

    private final SignatureRestorer signatures;
    private final MediaResolver media;
    private final ResponseBudget budget;
    private final int maxAnswerBytes;

    /**
     * @param budget bounds the whole answers held in memory at once, across requests
     * @param maxAnswerBytes the largest whole answer taken
     */
    public ChatRelay(SignatureRestorer signatures, MediaResolver media, ResponseBudget budget, int maxAnswerBytes) {
        this.signatures = signatures;
        this.media = media;
        this.budget = budget;
        this.maxAnswerBytes = maxAnswerBytes;
    }

    /** Serves {@code request} and ends the exchange, whatever happens. */
    public void serve(Exchange exchange, ChatRequest request, ChatAnswers answers, Candidates candidates) {
        Failover.run(exchange, candidates, chatPlanner(exchange, request, answers)).onFailure(exchange::fail);
    }

    /**
     * The plans that serve {@code request} at any candidate, for a door that decides per
     * candidate (relaying some bodies unchanged, translating for others) and runs the
     * {@link Failover} itself.
     */
    public Failover.Planner chatPlanner(Exchange exchange, ChatRequest request, ChatAnswers answers) {
        String tokenId = exchange.token().orElseThrow().id();
        ChatRequest restored = signatures.restore(tokenId, request);
        Future<ChatRequest>[] fetched = newFetch();
        return target -> Optional.of(new Failover.Plan() {
            private final ToolCallIds ids = answers.toolCallIds();

            @Override
            public Future<UpstreamCall> call(Credential credential) {
                Provider provider = target.provider();
                Future<ChatRequest> ready = provider.capabilities().readsMediaUrls() ? Future.succeededFuture(restored)
                        : fetched(exchange, fetched, restored);
                return ready.map(r -> provider.chat(r, target.model(), credential));
            }

            @Override
            public void answer(UpstreamResponse response) {
                Provider provider = target.provider();
                if (restored.stream()) {
                    StreamRelay.start(exchange, provider, response, new CanonicalStreamTranslator(
                            provider.chatStream(ids), answers.stream(), usage -> exchange.usage(usage, false),
                            call -> signatures.remember(tokenId, call), exchange::error, exchange::scrub));
                } else {
                    answerWhole(exchange, provider, response, answers, ids, tokenId);
                }
            }
        });
    }

    /**
     * Counts the input tokens of {@code request} (decoded from a door's counting call) at the
     * first candidate that can count, and answers with {@code render} of the count; ends the
     * exchange, whatever happens. Candidates that cannot count are passed over.
     */
    public void count(Exchange exchange, ChatRequest request, IntFunction<byte[]> render, Candidates candidates) {
        Failover.run(exchange, candidates, countPlanner(exchange, request, render)).onFailure(exchange::fail);
    }

    /** The counting plans of {@link #count}, for a door that runs the {@link Failover} itself. */
    public Failover.Planner countPlanner(Exchange exchange, ChatRequest request, IntFunction<byte[]> render) {
        String tokenId = exchange.token().orElseThrow().id();
        ChatRequest restored = signatures.restore(tokenId, request);
        Future<ChatRequest>[] fetched = newFetch();
        return target -> {
            Provider provider = target.provider();
            TokenCounter counter = provider.tokenCounter().filter(c -> provider.capabilities().countsTokens())
                    .orElseThrow(() -> new GatewayException(GatewayError.of(GatewayError.Kind.INVALID_REQUEST,
                            "No upstream here can count tokens for the model '" + exchange.model().orElse("") + "'.")));
            return Optional.of(new Failover.Plan() {
                @Override
                public Future<UpstreamCall> call(Credential credential) {
                    Future<ChatRequest> ready = provider.capabilities().readsMediaUrls()
                            ? Future.succeededFuture(restored) : fetched(exchange, fetched, restored);
                    return ready.map(r -> counter.countCall(r, target.model(), credential));
                }

                @Override
                public void answer(UpstreamResponse response) {
                    answerCount(exchange, provider, counter, response, render);
                }
            });
        };
    }

    private static void answerCount(Exchange exchange, Provider provider, TokenCounter counter,
            UpstreamResponse response, IntFunction<byte[]> render) {
        if (exchange.finished()) {
            response.cancel();
            return;
        }
        exchange.onCancel(response::cancel);
        response.readAll(MAX_COUNT_BYTES).onComplete(read -> {
            if (read.failed()) {
                exchange.fail(new GatewayException(provider.transport().failure(read.cause()), read.cause()));
                return;
            }
            exchange.attempt(() -> {
                byte[] body = render.apply(counter.decodeCount(read.result()));
                exchange.status(200);
                exchange.firstByte(System.nanoTime()); // the record is made before the bytes go out
                exchange.downstream().send(200, "application/json", body);
                exchange.finish();
            });
        });
    }

    /**
     * Relays a native (same-protocol) whole answer to the client as the upstream sent it, once
     * it is known to be one whole JSON object (a body cut on the way is a 502, not a 200 the
     * client chokes on), held under the memory budget; {@code usageOf} reads its usage for the
     * record. Ends the exchange, whatever happens.
     */
    public void relayWhole(Exchange exchange, Provider provider, UpstreamResponse response,
            java.util.function.Function<byte[], Optional<dev.junction.protocol.model.Usage>> usageOf) {
        readWhole(exchange, provider, response, body -> {
            if (!WholeJson.isObject(body)) {
                exchange.fail(GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR, "The upstream '" + provider.name()
                        + "' sent an answer that is not whole JSON (cut or corrupted on the way)."));
                return;
            }
            usageOf.apply(body).ifPresent(u -> exchange.usage(u, false));
            exchange.status(200);
            exchange.firstByte(System.nanoTime()); // the record is made before the bytes go out
            exchange.downstream().send(200, "application/json; charset=UTF-8", body);
            exchange.finish();
        });
    }

    /**
     * Reads a whole upstream answer under the memory budget and the per-answer cap and hands it
     * to {@code use}, which must end the exchange; a read that fails (too large, cut, timed out)
     * ends it with the upstream's failure. The budget is given back once {@code use} returns.
     */
    public void readWhole(Exchange exchange, Provider provider, UpstreamResponse response,
            java.util.function.Consumer<byte[]> use) {
        if (exchange.finished()) {
            response.cancel();
            return;
        }
        exchange.onCancel(response::cancel);
        response.readBuffer(maxAnswerBytes, budget).onComplete(read -> {
            if (read.failed()) {
                exchange.fail(new GatewayException(provider.transport().failure(read.cause()), read.cause()));
                return;
            }
            Buffer buffer = read.result();
            try {
                use.accept(buffer.getBytes());
            } catch (GatewayException e) {
                exchange.fail(e);
            } finally {
                budget.release(buffer.length());
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Future<ChatRequest>[] newFetch() {
        return new Future[1];
    }

    /**
     * Media URLs are fetched once, by the first candidate that needs them; the files' memory is
     * held until the exchange ends.
     */
    private Future<ChatRequest> fetched(Exchange exchange, Future<ChatRequest>[] fetched, ChatRequest request) {
        if (fetched[0] == null) {
            fetched[0] = media.resolve(request, release -> {
                if (exchange.finished()) {
                    release.run();
                } else {
                    exchange.onComplete(ended -> release.run());
                }
            });
        }
        return fetched[0];
    }

    private void answerWhole(Exchange exchange, Provider provider, UpstreamResponse response, ChatAnswers answers,
            ToolCallIds ids, String tokenId) {
        if (exchange.finished()) {
            response.cancel(); // the client left while the upstream was getting ready
            return;
        }
        exchange.onCancel(response::cancel);
        response.readBuffer(maxAnswerBytes, budget).onComplete(read -> {
            if (read.failed()) {
                exchange.fail(new GatewayException(provider.transport().failure(read.cause()), read.cause()));
                return;
            }
            Buffer body = read.result();
            try {
                exchange.attempt(() -> {
                    ChatResponse answer = provider.decodeChat(body.getBytes(), ids);
                    answer.usage().ifPresent(usage -> exchange.usage(usage, false));
                    signatures.remember(tokenId, answer);
                    byte[] encoded = answers.encode(answer);
                    exchange.status(200);
                    exchange.firstByte(System.nanoTime()); // the record is made before the bytes go out
                    exchange.downstream().send(200, answers.contentType(), encoded);
                    exchange.finish();
                });
            } finally {
                budget.release(body.length());
            }
        });
    }
}
