package dev.junction.gateway.relay;

import dev.junction.protocol.gemini.GeminiErrors;
import dev.junction.protocol.gemini.GeminiEventInspector;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.Usage;
import dev.junction.protocol.sse.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A Gemini stream for a client that called {@code :streamGenerateContent} without
 * {@code alt=sse}: Google then answers with one JSON array whose elements are flushed as they
 * are produced. Junction always asks its upstream for SSE and re-frames the events as that array.
 * A failure mid-stream becomes the array's last element, an error object, so the body stays JSON.
 */
public final class NativeArrayTranslator implements StreamTranslator {
    private static final byte[] OPEN = "[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEPARATOR = ",\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "]".getBytes(StandardCharsets.US_ASCII);

    private final Consumer<Usage> usageTap;
    private final Consumer<GatewayError> errorTap;
    private final UnaryOperator<String> scrub;
    private boolean first = true;
    private boolean done;

    public NativeArrayTranslator(Consumer<Usage> usageTap, Consumer<GatewayError> errorTap,
            UnaryOperator<String> scrub) {
        this.usageTap = usageTap;
        this.errorTap = errorTap;
        this.scrub = scrub;
    }

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public List<byte[]> onStart() {
        return List.of(OPEN);
    }

    @Override
    public List<byte[]> onEvent(SseEvent event) {
        GeminiEventInspector.Inspection inspection = GeminiEventInspector.inspect(event.data());
        inspection.usage().ifPresent(usageTap);
        if (inspection.error().isPresent()) {
            return onFailure(inspection.error().get());
        }
        return element(event.data());
    }

    @Override
    public boolean done() {
        return done;
    }

    @Override
    public List<byte[]> onEnd() {
        return List.of(CLOSE);
    }

    @Override
    public List<byte[]> onFailure(GatewayError error) {
        done = true;
        errorTap.accept(error);
        GatewayError clean = error.withMessage(scrub.apply(error.message()));
        List<byte[]> out = new ArrayList<>(element(GeminiErrors.encodeLine(clean)));
        out.add(CLOSE);
        return out;
    }

    private List<byte[]> element(byte[] json) {
        if (first) {
            first = false;
            return List.of(json);
        }
        return List.of(SEPARATOR, json);
    }
}
