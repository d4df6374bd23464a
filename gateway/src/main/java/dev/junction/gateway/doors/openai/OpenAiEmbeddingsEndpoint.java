package dev.junction.gateway.doors.openai;

import dev.junction.gateway.context.ClientApi;
import dev.junction.gateway.context.Endpoint;
import dev.junction.gateway.context.Exchange;
import dev.junction.gateway.providers.Credential;
import dev.junction.gateway.providers.Embedder;
import dev.junction.gateway.providers.Provider;
import dev.junction.gateway.providers.UpstreamCall;
import dev.junction.gateway.providers.UpstreamResponse;
import dev.junction.gateway.relay.Candidates;
import dev.junction.gateway.relay.ChatRelay;
import dev.junction.gateway.relay.Failover;
import dev.junction.gateway.usage.UsageEstimator;
import dev.junction.protocol.model.EmbedRequest;
import dev.junction.protocol.model.EmbedResponse;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import dev.junction.protocol.model.Usage;
import dev.junction.protocol.openai.OpenAiEmbeddingsDecoder;
import dev.junction.protocol.openai.OpenAiEmbeddingsEncoder;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * {@code POST /v1/embeddings}: the texts are embedded by whichever candidate upstream can embed
 * ({@link Embedder}), in one call, and the vectors written back as OpenAI writes them, floats or
 * base64. When the vendor reports no token count (Gemini does not), the input tokens are
 * Junction's estimate and the usage record says so. A candidate that speaks OpenAI's API itself
 * (an {@code openai} upstream) gets the client's body as it came, only the model changed, and its
 * answer is relayed as it is ({@link OpenAiPassthroughPlanner#embeddings}).
 */
final class OpenAiEmbeddingsEndpoint implements Endpoint {
    private final ChatRelay relay;

    OpenAiEmbeddingsEndpoint(ChatRelay relay) {
        this.relay = relay;
    }

    @Override
    public ClientApi api() {
        return OpenAiApi.INSTANCE;
    }

    @Override
    public String name() {
        return "embeddings";
    }

    @Override
    public boolean generates() {
        return true;
    }

    @Override
    public boolean answersWithOutput() {
        return false;
    }

    @Override
    public boolean hasBody() {
        return true;
    }

    @Override
    public void read(Exchange exchange, byte[] body) {
        OpenAiEmbeddingsDecoder.Decoded decoded = OpenAiEmbeddingsDecoder.decode(body);
        exchange.body(body);
        exchange.attribute(OpenAiEmbeddingsDecoder.Decoded.class, decoded);
        exchange.model(decoded.request().model());
        exchange.stream(false);
    }

    @Override
    public void serve(Exchange exchange) {
        OpenAiEmbeddingsDecoder.Decoded decoded = exchange.attribute(OpenAiEmbeddingsDecoder.Decoded.class).orElseThrow();
        EmbedRequest request = decoded.request();
        int estimate = UsageEstimator.texts(request.inputs());
        Usage estimated = new Usage(estimate, 0, 0, 0, 0, estimate);
        Failover.run(exchange, exchange.attribute(Candidates.class).orElseThrow(), target -> {
            Optional<Failover.Plan> nativePlan = OpenAiPassthroughPlanner.embeddings(exchange, target, relay, estimated);
            if (nativePlan.isPresent()) {
                return nativePlan;
            }
            Embedder embedder = target.provider().embedder().orElseThrow(() -> new GatewayException(GatewayError.invalid(
                    "model", "The upstream serving '" + request.model() + "' (" + target.provider().kind()
                            + ") does not offer embeddings.")));
            return Optional.of(new Failover.Plan() {
                @Override
                public Future<UpstreamCall> call(Credential credential) {
                    return Future.succeededFuture(embedder.embedCall(request, target.model(), credential));
                }

                @Override
                public void answer(UpstreamResponse response) {
                    OpenAiEmbeddingsEndpoint.this.answer(exchange, target.provider(), embedder, decoded, response);
                }
            });
        }).onFailure(exchange::fail);
    }

    private void answer(Exchange exchange, Provider upstream, Embedder embedder, OpenAiEmbeddingsDecoder.Decoded decoded,
            UpstreamResponse response) {
        relay.readWhole(exchange, upstream, response, answer -> {
            EmbedRequest request = decoded.request();
            EmbedResponse embeddings = embedder.decodeEmbeddings(answer, request.inputs().size());
            boolean estimated = embeddings.promptTokens().isEmpty();
            int prompt = embeddings.promptTokens().orElseGet(() -> UsageEstimator.texts(request.inputs()));
            exchange.usage(new Usage(prompt, 0, 0, 0, 0, prompt), estimated);
            byte[] body = OpenAiEmbeddingsEncoder.encode(embeddings, request.model(), decoded.base64(), prompt);
            exchange.status(200);
            exchange.firstByte(System.nanoTime()); // the record is made before the bytes go out
            exchange.downstream().send(200, "application/json", body);
            exchange.finish();
        });
    }
}
