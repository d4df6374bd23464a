package dev.junction.gateway.doors.openai;

import dev.junction.gateway.context.ClientApi;
import dev.junction.gateway.context.Endpoint;
import dev.junction.gateway.context.Exchange;
import dev.junction.gateway.relay.Candidates;
import dev.junction.gateway.relay.ChatAnswers;
import dev.junction.gateway.relay.ChatRelay;
import dev.junction.gateway.relay.Failover;
import dev.junction.gateway.relay.StreamEncoder;
import dev.junction.protocol.model.ChatRequest;
import dev.junction.protocol.model.ChatResponse;
import dev.junction.protocol.model.StreamContext;
import dev.junction.protocol.model.StreamEvent;
import dev.junction.protocol.openai.OpenAiRequestDecoder;
import dev.junction.protocol.openai.OpenAiResponseEncoder;
import dev.junction.protocol.openai.OpenAiStreamEncoder;
import java.time.Clock;
import java.util.List;

/**
 * {@code POST /v1/chat/completions}: the OpenAI request is decoded into Junction's canonical
 * model (which also validates it), served by whichever upstream the route chose, and the answer
 * encoded back as OpenAI's, whole or chunk by chunk ({@link ChatRelay}). A candidate that speaks
 * OpenAI's protocol itself gets the client's body as it came instead
 * ({@link OpenAiPassthroughPlanner}); both kinds of candidate share one failover.
 */
final class OpenAiChatEndpoint implements Endpoint {
    private final ChatRelay relay;
    private final Clock clock;

    OpenAiChatEndpoint(ChatRelay relay, Clock clock) {
        this.relay = relay;
        this.clock = clock;
    }

    @Override
    public ClientApi api() {
        return OpenAiApi.INSTANCE;
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
    public boolean hasBody() {
        return true;
    }

    @Override
    public void read(Exchange exchange, byte[] body) {
        ChatRequest request = OpenAiRequestDecoder.decode(body);
        exchange.body(body);
        exchange.chatRequest(request);
        exchange.model(request.model());
        exchange.stream(request.stream());
    }

    @Override
    public void serve(Exchange exchange) {
        ChatRequest request = exchange.chatRequest().orElseThrow();
        StreamContext context = new StreamContext("chatcmpl-" + exchange.requestId(), clock.instant().getEpochSecond(),
                request.model(), request.includeUsage(), request.reasoning().includeThoughts());
        Failover.Planner canonical = relay.chatPlanner(exchange, request, new Answers(context));
        Failover.run(exchange, exchange.attribute(Candidates.class).orElseThrow(),
                target -> OpenAiPassthroughPlanner.plan(exchange, target, relay).or(() -> canonical.plan(target)))
                .onFailure(exchange::fail);
    }

    /** Canonical answers as OpenAI's {@code chat.completion} and {@code chat.completion.chunk}. */
    private record Answers(StreamContext context) implements ChatAnswers {
        @Override
        public byte[] encode(ChatResponse response) {
            return OpenAiResponseEncoder.encode(response, context);
        }

        @Override
        public StreamEncoder stream() {
            OpenAiStreamEncoder encoder = new OpenAiStreamEncoder(context);
            return new StreamEncoder() {
                @Override
                public String contentType() {
                    return "text/event-stream";
                }

                @Override
                public List<byte[]> onEvent(StreamEvent event) {
                    return encoder.onEvent(event);
                }

                @Override
                public List<byte[]> onEnd() {
                    return encoder.onEnd();
                }
            };
        }
    }
}
