package dev.junction.gateway.doors.anthropic;

import dev.junction.gateway.context.ClientApi;
import dev.junction.gateway.context.Endpoint;
import dev.junction.gateway.context.Exchange;
import dev.junction.gateway.relay.Candidates;
import dev.junction.gateway.relay.ChatAnswers;
import dev.junction.gateway.relay.ChatRelay;
import dev.junction.gateway.relay.StreamEncoder;
import dev.junction.protocol.anthropic.AnthropicRequestDecoder;
import dev.junction.protocol.anthropic.AnthropicResponseEncoder;
import dev.junction.protocol.anthropic.AnthropicStreamEncoder;
import dev.junction.protocol.model.ChatRequest;
import dev.junction.protocol.model.ChatResponse;
import dev.junction.protocol.model.StreamContext;
import dev.junction.protocol.model.StreamEvent;
import dev.junction.protocol.model.ToolCallIds;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code POST /v1/messages}: the Messages request is decoded into Junction's canonical model,
 * served by whichever upstream the route chose ({@link ChatRelay}), and the answer encoded back
 * as an Anthropic {@code message}, whole or event by event, with a {@code ping} whenever the
 * stream has been silent for the configured keep-alive.
 */
final class AnthropicMessagesEndpoint implements Endpoint {
    private final ChatRelay relay;
    private final Clock clock;
    private final Duration keepAlive;

    AnthropicMessagesEndpoint(ChatRelay relay, Clock clock, Duration keepAlive) {
        this.relay = relay;
        this.clock = clock;
        this.keepAlive = keepAlive;
    }

    @Override
    public ClientApi api() {
        return AnthropicApi.INSTANCE;
    }

    @Override
    public String name() {
        return "messages";
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
        ChatRequest request = AnthropicRequestDecoder.decode(body);
        exchange.body(body);
        exchange.chatRequest(request);
        exchange.model(request.model());
        exchange.stream(request.stream());
    }

    @Override
    public void serve(Exchange exchange) {
        ChatRequest request = exchange.chatRequest().orElseThrow();
        StreamContext context = new StreamContext("msg_" + exchange.requestId(), clock.instant().getEpochSecond(),
                request.model(), true, request.reasoning().includeThoughts());
        relay.serve(exchange, request, new Answers(context, keepAlive), exchange.attribute(Candidates.class)
                .orElseThrow());
    }

    /** Canonical answers as Anthropic's {@code message} and its stream events. */
    private record Answers(StreamContext context, Duration keepAlive) implements ChatAnswers {
        @Override
        public byte[] encode(ChatResponse response) {
            return AnthropicResponseEncoder.encode(response, context);
        }

        @Override
        public ToolCallIds toolCallIds() {
            return ToolCallIds.anthropicStyle(ThreadLocalRandom.current());
        }

        @Override
        public StreamEncoder stream() {
            AnthropicStreamEncoder encoder = new AnthropicStreamEncoder(context);
            Duration interval = keepAlive;
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

                @Override
                public Optional<Duration> keepAlive() {
                    return Optional.of(interval);
                }

                @Override
                public List<byte[]> onKeepAlive() {
                    return encoder.ping();
                }
            };
        }
    }
}
