package dev.junction.gateway.relay;

import dev.junction.protocol.gemini.GeminiErrors;
import dev.junction.protocol.gemini.GeminiEventInspector;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.Usage;
import dev.junction.protocol.sse.SseEvent;
import dev.junction.protocol.sse.SseWriter;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A Gemini stream relayed to a Gemini-native client: every event goes out as the upstream sent
 * it, framed as Google frames it ({@code data: <json>\r\n\r\n}, no terminator). Each event is
 * inspected on the way for usage, errors and garbage: a malformed event ends the stream with a
 * Google-shaped error event instead.
 */
public final class NativeSseTranslator implements StreamTranslator {
    private final Consumer<Usage> usageTap;
    private final Consumer<GatewayError> errorTap;
    private final UnaryOperator<String> scrub;
    private boolean done;

    public NativeSseTranslator(Consumer<Usage> usageTap, Consumer<GatewayError> errorTap, UnaryOperator<String> scrub) {
        this.usageTap = usageTap;
        this.errorTap = errorTap;
        this.scrub = scrub;
    }

    @Override
    public String contentType() {
        return "text/event-stream";
    }

    @Override
    public List<byte[]> onEvent(SseEvent event) {
        GeminiEventInspector.Inspection inspection = GeminiEventInspector.inspect(event.data());
        inspection.usage().ifPresent(usageTap);
        if (inspection.error().isPresent()) {
            return onFailure(inspection.error().get());
        }
        return List.of(SseWriter.frame(event.data(), SseWriter.Framing.CRLF));
    }

    @Override
    public boolean done() {
        return done;
    }

    @Override
    public List<byte[]> onEnd() {
        return List.of();
    }

    @Override
    public List<byte[]> onFailure(GatewayError error) {
        done = true;
        errorTap.accept(error);
        GatewayError clean = error.withMessage(scrub.apply(error.message()));
        return List.of(SseWriter.frame(GeminiErrors.encodeLine(clean), SseWriter.Framing.CRLF));
    }
}
