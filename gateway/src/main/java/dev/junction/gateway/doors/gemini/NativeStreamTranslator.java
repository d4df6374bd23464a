package dev.junction.gateway.doors.gemini;

import dev.junction.gateway.relay.StreamTranslator;
import dev.junction.protocol.gemini.GeminiErrors;
import dev.junction.protocol.gemini.GeminiEventInspector;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.Usage;
import dev.junction.protocol.sse.SseEvent;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A Gemini stream relayed to a Gemini-native client: every event goes out as the upstream sent
 * it, in the client's {@link StreamFraming}. Each is inspected on the way for usage, errors and
 * garbage; a malformed or error event ends the stream with a Google-shaped error, so the client
 * is never left with a broken stream.
 */
final class NativeStreamTranslator implements StreamTranslator {
    private final StreamFraming framing;
    private final Consumer<Usage> usageTap;
    private final Consumer<GatewayError> errorTap;
    private final UnaryOperator<String> scrub;
    private boolean relayed;
    private boolean done;

    NativeStreamTranslator(StreamFraming framing, Consumer<Usage> usageTap, Consumer<GatewayError> errorTap,
            UnaryOperator<String> scrub) {
        this.framing = framing;
        this.usageTap = usageTap;
        this.errorTap = errorTap;
        this.scrub = scrub;
    }

    @Override
    public String contentType() {
        return framing.contentType();
    }

    @Override
    public List<byte[]> onStart() {
        return framing.open();
    }

    @Override
    public List<byte[]> onEvent(SseEvent event) {
        GeminiEventInspector.Inspection inspection = GeminiEventInspector.inspect(event.data());
        inspection.usage().ifPresent(usageTap);
        if (inspection.error().isPresent()) {
            return onFailure(inspection.error().get());
        }
        relayed = true;
        return framing.chunk(event.data(), false);
    }

    @Override
    public boolean done() {
        return done;
    }

    @Override
    public List<byte[]> onEnd() {
        if (!relayed) {
            // an empty 200, or one of HTML or other bytes without a single event: not an answer
            return onFailure(GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR,
                    "The upstream closed the stream without sending anything."));
        }
        return framing.close();
    }

    @Override
    public List<byte[]> onFailure(GatewayError error) {
        done = true;
        errorTap.accept(error);
        return framing.chunk(GeminiErrors.encodeLine(error.withMessage(scrub.apply(error.message()))), true);
    }
}
