package dev.junction.gateway.doors.responses;

import dev.junction.gateway.context.ClientApi;
import dev.junction.gateway.context.Endpoint;
import dev.junction.gateway.context.Exchange;
import dev.junction.gateway.doors.openai.OpenAiApi;
import dev.junction.gateway.relay.Candidates;
import dev.junction.gateway.relay.ChatAnswers;
import dev.junction.gateway.relay.ChatRelay;
import dev.junction.gateway.relay.StreamEncoder;
import dev.junction.protocol.model.ChatRequest;
import dev.junction.protocol.model.ChatResponse;
import dev.junction.protocol.model.StreamContext;
import dev.junction.protocol.model.StreamEvent;
import dev.junction.protocol.openai.responses.ResponsesRequest;
import dev.junction.protocol.openai.responses.ResponsesRequestDecoder;
import dev.junction.protocol.openai.responses.ResponsesResponseEncoder;
import dev.junction.protocol.openai.responses.ResponsesStreamEncoder;
import java.time.Clock;
import java.util.List;

/**
 * {@code POST /v1/responses}: the Responses request is decoded into Junction's canonical model,
 * served by whichever upstream the route chose ({@link ChatRelay}), and the answer encoded back
 * as a {@code response} object, whole or as typed stream events. Errors are OpenAI's.
 */
final class ResponsesEndpoint implements Endpoint {
    private final ChatRelay relay;
    private final Clock clock;

    ResponsesEndpoint(ChatRelay relay, Clock clock) {
        this.relay = relay;
        this.clock = clock;
    }

    @Override
    public ClientApi api() {
        return OpenAiApi.INSTANCE;
    }

    @Override
    public String name() {
        return "responses";
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
        ResponsesRequest request = ResponsesRequestDecoder.decode(body);
        exchange.body(body);
        exchange.chatRequest(request.chat());
        exchange.attribute(ResponsesRequest.class, request);
        exchange.model(request.chat().model());
        exchange.stream(request.chat().stream());
    }

    @Override
    public void serve(Exchange exchange) {
        ResponsesRequest responses = exchange.attribute(ResponsesRequest.class).orElseThrow();
        ChatRequest request = exchange.chatRequest().orElseThrow();
        StreamContext context = new StreamContext("resp_" + exchange.requestId(), clock.instant().getEpochSecond(),
                request.model(), true, request.reasoning().includeThoughts());
        relay.serve(exchange, request, new Answers(context, responses),
                exchange.attribute(Candidates.class).orElseThrow());
    }

    /** Canonical answers as a {@code response} object and its typed stream events. */
    private record Answers(StreamContext context, ResponsesRequest request) implements ChatAnswers {
        @Override
        public byte[] encode(ChatResponse response) {
            return ResponsesResponseEncoder.encode(response, context, request);
        }

        @Override
        public StreamEncoder stream() {
            ResponsesStreamEncoder encoder = new ResponsesStreamEncoder(context, request);
            return new StreamEncoder() {
                @Override
                public String contentType() {
                    return "text/event-stream; charset=utf-8";
                }

                @Override
                public List<byte[]> onStart() {
                    return encoder.onStart();
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
