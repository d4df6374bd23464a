package dev.junction.gateway.doors.gemini;

import dev.junction.gateway.relay.ChatAnswers;
import dev.junction.gateway.relay.StreamEncoder;
import dev.junction.protocol.gemini.GeminiResponseEncoder;
import dev.junction.protocol.gemini.GeminiStreamEncoder;
import dev.junction.protocol.model.ChatResponse;
import dev.junction.protocol.model.StreamContext;
import dev.junction.protocol.model.StreamEvent;
import java.util.List;

/**
 * Canonical answers as Gemini's {@code GenerateContentResponse}, whole or streamed in either
 * framing, for a Gemini-native client served by an upstream of another protocol.
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
        GeminiStreamEncoder encoder = new GeminiStreamEncoder(context, sse);
        return new StreamEncoder() {
            @Override
            public String contentType() {
                return encoder.contentType();
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
