package dev.junction.gateway.doors.openai;

import dev.junction.gateway.relay.StreamTranslator;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.Usage;
import dev.junction.protocol.openai.OpenAiErrors;
import dev.junction.protocol.openai.OpenAiPassthroughChunks;
import dev.junction.protocol.sse.SseEvent;
import dev.junction.protocol.sse.SseWriter;
import dev.junction.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * An OpenAI-compatible upstream's stream relayed to an OpenAI client: every chunk goes out as the
 * vendor sent it, inspected on the way ({@link OpenAiPassthroughChunks}) for usage, errors and
 * garbage, with the usage chunk Junction asked for taken out when the client did not ask. An
 * error chunk or garbage ends the stream with an OpenAI error chunk, scrubbed; so does an end
 * before any choice finished. A vendor that closes after the finish without {@code [DONE]} gets
 * one added, so OpenAI clients see a complete stream.
 */
final class OpenAiPassthroughStream implements StreamTranslator {
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final boolean clientWantsUsage;
    private final Consumer<Usage> usageTap;
    private final Consumer<GatewayError> errorTap;
    private final UnaryOperator<String> scrub;
    private boolean finished;
    private boolean ended;
    private boolean failed;

    OpenAiPassthroughStream(boolean clientWantsUsage, Consumer<Usage> usageTap, Consumer<GatewayError> errorTap,
            UnaryOperator<String> scrub) {
        this.clientWantsUsage = clientWantsUsage;
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
        if (ended || failed) {
            return List.of();
        }
        if (OpenAiPassthroughChunks.isDone(event.data())) {
            ended = true;
            return List.of(DONE);
        }
        if (event.data().length == 0) {
            return List.of();
        }
        OpenAiPassthroughChunks.Inspection inspection = OpenAiPassthroughChunks.inspect(event.data(), clientWantsUsage);
        inspection.usage().ifPresent(usageTap);
        if (inspection.error().isPresent()) {
            return onFailure(inspection.error().get());
        }
        finished |= inspection.finishes();
        return inspection.forward().map(data -> List.of(SseWriter.frame(data, SseWriter.Framing.LF))).orElse(List.of());
    }

    @Override
    public boolean done() {
        return failed;
    }

    @Override
    public List<byte[]> onEnd() {
        if (ended || failed) {
            return List.of();
        }
        if (finished) {
            ended = true;
            return List.of(DONE);
        }
        return onFailure(GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR,
                "The upstream stream ended before the answer was finished."));
    }

    @Override
    public List<byte[]> onFailure(GatewayError error) {
        failed = true;
        GatewayError clean = error.withMessage(scrub.apply(error.message()));
        errorTap.accept(clean);
        try {
            return List.of(SseWriter.frame(Json.MAPPER.writeValueAsBytes(OpenAiErrors.toJson(clean)),
                    SseWriter.Framing.LF));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
