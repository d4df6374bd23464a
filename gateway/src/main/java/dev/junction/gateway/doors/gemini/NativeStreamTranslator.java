package dev.junction.gateway.doors.gemini;

import dev.junction.gateway.relay.StreamTranslator;
import dev.junction.protocol.gemini.GeminiErrors;
import dev.junction.protocol.gemini.GeminiEventInspector;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.Usage;
import dev.junction.protocol.sse.SseEvent;
import dev.junction.protocol.sse.SseWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A Gemini stream relayed to a Gemini-native client: every event goes out as the upstream sent
 * it. Each is inspected on the way for usage, errors and garbage; a malformed or error event
 * ends the stream with a Google-shaped error, so the client is never left with a broken stream.
 *
 * <p>Two framings, as Google serves them: with {@code alt=sse}, each event is
 * {@code data: <json>\r\n\r\n} and the stream ends by closing; without it, the events are the
 * elements of one JSON array flushed as they come, a failure being its last element.
 */
public final class NativeStreamTranslator implements StreamTranslator {
    private static final byte[] OPEN = "[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEPARATOR = ",\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "]".getBytes(StandardCharsets.US_ASCII);

    /** How events are framed for the client. */
    public enum Framing {
        SSE,
        JSON_ARRAY
    }

    private final Framing framing;
    private final Consumer<Usage> usageTap;
    private final Consumer<GatewayError> errorTap;
    private final UnaryOperator<String> scrub;
    private boolean first = true;
    private boolean relayed;
    private boolean done;

    public NativeStreamTranslator(Framing framing, Consumer<Usage> usageTap, Consumer<GatewayError> errorTap,
            UnaryOperator<String> scrub) {
        this.framing = framing;
        this.usageTap = usageTap;
        this.errorTap = errorTap;
        this.scrub = scrub;
    }

    @Override
    public String contentType() {
        return framing == Framing.SSE ? "text/event-stream" : "application/json";
    }

    @Override
    public List<byte[]> onStart() {
        return framing == Framing.SSE ? List.of() : List.of(OPEN);
    }

    @Override
    public List<byte[]> onEvent(SseEvent event) {
        GeminiEventInspector.Inspection inspection = GeminiEventInspector.inspect(event.data());
        inspection.usage().ifPresent(usageTap);
        if (inspection.error().isPresent()) {
            return onFailure(inspection.error().get());
        }
        relayed = true;
        return frame(event.data(), false);
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
        return framing == Framing.SSE ? List.of() : List.of(CLOSE);
    }

    @Override
    public List<byte[]> onFailure(GatewayError error) {
        done = true;
        errorTap.accept(error);
        return frame(GeminiErrors.encodeLine(error.withMessage(scrub.apply(error.message()))), true);
    }

    private List<byte[]> frame(byte[] json, boolean last) {
        if (framing == Framing.SSE) {
            return List.of(SseWriter.frame(json, SseWriter.Framing.CRLF));
        }
        byte[] lead = first ? new byte[0] : SEPARATOR;
        first = false;
        return last ? List.of(lead, json, CLOSE) : List.of(lead, json);
    }
}
