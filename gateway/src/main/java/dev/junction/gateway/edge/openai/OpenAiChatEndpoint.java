package dev.junction.gateway.edge.openai;

import dev.junction.gateway.edge.BodyReader;
import dev.junction.gateway.edge.ClientProtocol;
import dev.junction.gateway.edge.Endpoint;
import dev.junction.gateway.edge.Exchange;
import dev.junction.gateway.media.MediaResolver;
import dev.junction.gateway.provider.GeminiMethod;
import dev.junction.gateway.provider.Upstream;
import dev.junction.gateway.provider.UpstreamResponse;
import dev.junction.gateway.relay.StreamRelay;
import dev.junction.gateway.relay.UpstreamCaller;
import dev.junction.gateway.signature.SignatureRestorer;
import dev.junction.protocol.gemini.GeminiRequestEncoder;
import dev.junction.protocol.gemini.GeminiResponseDecoder;
import dev.junction.protocol.gemini.GeminiStreamDecoder;
import dev.junction.protocol.gemini.ThinkingCapabilities;
import dev.junction.protocol.model.ChatRequest;
import dev.junction.protocol.model.ChatResponse;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import dev.junction.protocol.model.StreamContext;
import dev.junction.protocol.model.ToolCallIds;
import dev.junction.protocol.openai.OpenAiRequestDecoder;
import dev.junction.protocol.openai.OpenAiResponseEncoder;
import dev.junction.protocol.openai.OpenAiStreamEncoder;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code POST /v1/chat/completions} over a Gemini upstream: the OpenAI request is decoded into
 * Junction's model, completed (stored thought signatures restored, URLs the upstream cannot read
 * fetched), encoded for Gemini, and the answer translated back, whole or event by event.
 */
public final class OpenAiChatEndpoint implements Endpoint {
    private static final int MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

    private final BodyReader bodyReader;
    private final ThinkingCapabilities thinking;
    private final SignatureRestorer signatures;
    private final MediaResolver media;
    private final Clock clock;

    public OpenAiChatEndpoint(BodyReader bodyReader, ThinkingCapabilities thinking, SignatureRestorer signatures,
            MediaResolver media, Clock clock) {
        this.bodyReader = bodyReader;
        this.thinking = thinking;
        this.signatures = signatures;
        this.media = media;
        this.clock = clock;
    }

    @Override
    public ClientProtocol protocol() {
        return ClientProtocol.OPENAI;
    }

    @Override
    public String name() {
        return "chat.completions";
    }

    @Override
    public boolean generates() {
        return true;
    }

    @Override
    public void read(Exchange exchange) {
        byte[] body = bodyReader.read(exchange.request());
        ChatRequest request = OpenAiRequestDecoder.decode(body);
        exchange.body(body);
        exchange.chatRequest(request);
        exchange.model(request.model());
        exchange.stream(request.stream());
    }

    @Override
    public void serve(Exchange exchange) {
        Upstream upstream = exchange.upstream().orElseThrow();
        if (!upstream.speaksGemini()) {
            throw new GatewayException(GatewayError.of(GatewayError.Kind.INTERNAL,
                    "The upstream '" + upstream.name() + "' cannot serve chat completions."));
        }
        String tokenId = exchange.token().orElseThrow().id();
        String upstreamModel = exchange.upstreamModel().orElseThrow();
        ChatRequest request = media.resolve(signatures.restore(tokenId, exchange.chatRequest().orElseThrow()));
        byte[] geminiBody = GeminiRequestEncoder.encode(request, thinking.resolve(upstreamModel));
        GeminiMethod method = request.stream() ? GeminiMethod.STREAM_GENERATE_CONTENT : GeminiMethod.GENERATE_CONTENT;
        UpstreamResponse response = UpstreamCaller.open(upstream, upstream.credentialCount(),
                () -> upstream.geminiCall(method, upstreamModel, geminiBody));
        StreamContext context = new StreamContext("chatcmpl-" + exchange.requestId(), clock.instant().getEpochSecond(),
                request.model(), request.includeUsage(), request.reasoning().includeThoughts());
        ToolCallIds ids = ToolCallIds.openAiStyle(ThreadLocalRandom.current());
        if (request.stream()) {
            OpenAiStreamTranslator translator = new OpenAiStreamTranslator(new GeminiStreamDecoder(ids),
                    new OpenAiStreamEncoder(context), usage -> exchange.usage(usage, false),
                    call -> signatures.remember(tokenId, call), exchange::error);
            StreamRelay.run(exchange, upstream, response, translator);
        } else {
            answerWhole(exchange, upstream, response, context, ids, tokenId);
        }
    }

    private void answerWhole(Exchange exchange, Upstream upstream, UpstreamResponse response, StreamContext context,
            ToolCallIds ids, String tokenId) {
        byte[] body;
        try (response) {
            body = response.readAll(MAX_RESPONSE_BYTES);
        } catch (IOException | RuntimeException e) {
            throw new GatewayException(upstream.transport().failure(e), e);
        }
        ChatResponse answer = GeminiResponseDecoder.decode(body, ids);
        answer.usage().ifPresent(usage -> exchange.usage(usage, false));
        signatures.remember(tokenId, answer);
        byte[] encoded = OpenAiResponseEncoder.encode(answer, context);
        exchange.status(200);
        exchange.downstream().send(200, "application/json", encoded);
        exchange.firstByte(System.nanoTime());
    }
}
