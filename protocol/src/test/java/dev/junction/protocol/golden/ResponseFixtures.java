package dev.junction.protocol.golden;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.gemini.GeminiResponseDecoder;
import dev.junction.protocol.model.ChatResponse;
import dev.junction.protocol.model.GatewayException;
import dev.junction.protocol.model.ToolCallIds;
import dev.junction.protocol.openai.OpenAiErrors;
import dev.junction.protocol.openai.OpenAiResponseEncoder;
import java.nio.file.Path;

/** {@code upstream.json} → Gemini decoder → OpenAI encoder → {@code client.openai.json} (an error body when refused). */
final class ResponseFixtures {
    private ResponseFixtures() {}

    static void run(Path dir) {
        JsonNode actual;
        try {
            ChatResponse response = GeminiResponseDecoder.decode(Golden.read(dir.resolve("upstream.json")),
                    ToolCallIds.sequential("call_"));
            actual = OpenAiResponseEncoder.toJson(response, FixtureContext.of(dir));
        } catch (GatewayException e) {
            actual = OpenAiErrors.toJson(e.error()).put("http_status", e.error().status());
        }
        Golden.checkJson(dir.resolve("client.openai.json"), actual);
    }
}
