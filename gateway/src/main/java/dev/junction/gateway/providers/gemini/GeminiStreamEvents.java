package dev.junction.gateway.providers.gemini;

import dev.junction.gateway.providers.ChatStreamDecoder;
import dev.junction.protocol.gemini.GeminiStreamDecoder;
import dev.junction.protocol.model.StreamEvent;
import dev.junction.protocol.model.ToolCallIds;
import dev.junction.protocol.sse.SseEvent;
import java.util.List;

/** The canonical events of a Gemini {@code streamGenerateContent?alt=sse} answer (Gemini API and Vertex alike). */
public final class GeminiStreamEvents {
    private GeminiStreamEvents() {}

    public static ChatStreamDecoder decoder(ToolCallIds ids) {
        GeminiStreamDecoder decoder = new GeminiStreamDecoder(ids);
        return new ChatStreamDecoder() {
            @Override
            public List<StreamEvent> onEvent(SseEvent event) {
                return decoder.onEvent(event);
            }

            @Override
            public List<StreamEvent> onEnd() {
                return decoder.onEnd();
            }
        };
    }
}
