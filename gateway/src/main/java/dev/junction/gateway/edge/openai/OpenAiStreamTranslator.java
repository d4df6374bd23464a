package dev.junction.gateway.edge.openai;

import dev.junction.gateway.relay.StreamTranslator;
import dev.junction.protocol.gemini.GeminiStreamDecoder;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.Part;
import dev.junction.protocol.model.StreamEvent;
import dev.junction.protocol.model.Usage;
import dev.junction.protocol.openai.OpenAiStreamEncoder;
import dev.junction.protocol.sse.SseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A Gemini stream served to an OpenAI client: Gemini events are decoded into Junction's stream
 * events, which are tapped (usage, tool-call signatures, failures) and encoded as
 * {@code chat.completion.chunk} events.
 */
final class OpenAiStreamTranslator implements StreamTranslator {
    private final GeminiStreamDecoder decoder;
    private final OpenAiStreamEncoder encoder;
    private final Consumer<Usage> usageTap;
    private final Consumer<Part.ToolCall> toolCallTap;
    private final Consumer<GatewayError> errorTap;
    private boolean done;

    OpenAiStreamTranslator(GeminiStreamDecoder decoder, OpenAiStreamEncoder encoder, Consumer<Usage> usageTap,
            Consumer<Part.ToolCall> toolCallTap, Consumer<GatewayError> errorTap) {
        this.decoder = decoder;
        this.encoder = encoder;
        this.usageTap = usageTap;
        this.toolCallTap = toolCallTap;
        this.errorTap = errorTap;
    }

    @Override
    public String contentType() {
        return "text/event-stream";
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
            switch (event) {
                case StreamEvent.UsageReport report -> usageTap.accept(report.usage());
                case StreamEvent.ToolCallDelta delta -> toolCallTap.accept(delta.call());
                case StreamEvent.Failed failed -> {
                    errorTap.accept(failed.error());
                    done = true;
                }
                default -> {
                    // the rest only concerns the encoder
                }
            }
            out.addAll(encoder.onEvent(event));
            if (done) {
                break;
            }
        }
        return out;
    }
}
