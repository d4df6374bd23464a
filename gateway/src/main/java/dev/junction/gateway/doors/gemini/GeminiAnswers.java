package dev.junction.gateway.doors.gemini;

import dev.junction.gateway.relay.ChatAnswers;
import dev.junction.gateway.relay.StreamEncoder;
import dev.junction.protocol.gemini.GeminiResponseEncoder;
import dev.junction.protocol.gemini.GeminiStreamEncoder;
import dev.junction.protocol.model.ChatResponse;
import dev.junction.protocol.model.StreamContext;
import dev.junction.protocol.model.StreamEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Canonical answers as Gemini's {@code GenerateContentResponse}: whole, or as stream chunks in
 * the framing the client asked for ({@link StreamFraming}). Gemini streams have no keep-alive.
 */
record GeminiAnswers(StreamContext context, boolean sse) implements ChatAnswers {
    @Override
    public String contentType() {
        return "application/json; charset=UTF-8";
    }

    @Override
    public byte[] encode(ChatResponse response) {
        return GeminiResponseEncoder.encode(response, context);
    }

    @Override
    public StreamEncoder stream() {
        GeminiStreamEncoder encoder = new GeminiStreamEncoder(context);
        StreamFraming framing = new StreamFraming(sse);
        return new StreamEncoder() {
            @Override
            public String contentType() {
                return framing.contentType();
            }

            @Override
            public List<byte[]> onStart() {
                return framing.open();
            }

            @Override
            public List<byte[]> onEvent(StreamEvent event) {
                return frame(encoder.onEvent(event), encoder.over());
            }

            @Override
            public List<byte[]> onEnd() {
                List<byte[]> out = new ArrayList<>(frame(encoder.onEnd(), false));
                out.addAll(framing.close());
                return out;
            }

            private List<byte[]> frame(List<byte[]> chunks, boolean last) {
                List<byte[]> out = new ArrayList<>();
                for (int i = 0; i < chunks.size(); i++) {
                    out.addAll(framing.chunk(chunks.get(i), last && i == chunks.size() - 1));
                }
                return out;
            }
        };
    }
}
