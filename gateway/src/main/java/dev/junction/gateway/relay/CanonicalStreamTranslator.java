package dev.junction.gateway.relay;

import dev.junction.gateway.providers.ChatStreamDecoder;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.Part;
import dev.junction.protocol.model.StreamEvent;
import dev.junction.protocol.model.Usage;
import dev.junction.protocol.sse.SseEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A vendor's stream served to a client of another protocol: the vendor's events are decoded
 * into canonical events, which are tapped (usage, tool-call signatures, failures) and encoded
 * in the client's protocol. A failure's message is scrubbed of the upstream's credentials
 * before it is encoded: an in-band error is text that leaves Junction like any other.
 */
final class CanonicalStreamTranslator implements StreamTranslator {
    private final ChatStreamDecoder decoder;
    private final StreamEncoder encoder;
    private final Consumer<Usage> usageTap;
    private final Consumer<Part.ToolCall> toolCallTap;
    private final Consumer<GatewayError> errorTap;
    private final UnaryOperator<String> scrub;
    private boolean done;

    CanonicalStreamTranslator(ChatStreamDecoder decoder, StreamEncoder encoder, Consumer<Usage> usageTap,
            Consumer<Part.ToolCall> toolCallTap, Consumer<GatewayError> errorTap, UnaryOperator<String> scrub) {
        this.decoder = decoder;
        this.encoder = encoder;
        this.usageTap = usageTap;
        this.toolCallTap = toolCallTap;
        this.errorTap = errorTap;
        this.scrub = scrub;
    }

    @Override
    public String contentType() {
        return encoder.contentType();
    }

    @Override
    public List<byte[]> onStart() {
        return encoder.onStart();
    }

    @Override
    public Optional<Duration> keepAlive() {
        return encoder.keepAlive();
    }

    @Override
    public List<byte[]> onKeepAlive() {
        return done ? List.of() : encoder.onKeepAlive();
    }

    @Override
    public List<byte[]> onEvent(SseEvent event) {
        return encode(decoder.onEvent(event));
    }

    @Override
    public boolean done() {
        return done;
    }

    @Override
    public List<byte[]> onEnd() {
        List<byte[]> out = new ArrayList<>(encode(decoder.onEnd()));
        if (!done) {
            out.addAll(encoder.onEnd());
        }
        return out;
    }

    @Override
    public List<byte[]> onFailure(GatewayError error) {
        return encode(List.of(new StreamEvent.Failed(error)));
    }

    private List<byte[]> encode(List<StreamEvent> events) {
        List<byte[]> out = new ArrayList<>();
        for (StreamEvent event : events) {
            StreamEvent passed = event;
            switch (event) {
                case StreamEvent.UsageReport report -> usageTap.accept(report.usage());
                case StreamEvent.ToolCallDelta delta -> toolCallTap.accept(delta.call());
                case StreamEvent.Failed failed -> {
                    GatewayError clean = failed.error().withMessage(scrub.apply(failed.error().message()));
                    errorTap.accept(clean);
                    passed = new StreamEvent.Failed(clean);
                    done = true;
                }
                default -> {
                    // the rest only concerns the encoder
                }
            }
            out.addAll(encoder.onEvent(passed));
            if (done) {
                break;
            }
        }
        return out;
    }
}
