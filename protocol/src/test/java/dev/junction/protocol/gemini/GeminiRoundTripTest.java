package dev.junction.protocol.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.ChatRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A Gemini request read into the canonical model and written back as a Gemini request says what
 * it said: the decoder loses nothing the canonical model carries.
 */
class GeminiRoundTripTest {
    @Test
    void aRequestComesBackAsItWent() throws Exception {
        String request = """
                {"systemInstruction": {"parts": [{"text": "Be brief."}]},
                 "contents": [
                   {"role": "user", "parts": [{"text": "Look"}, {"inlineData": {"mimeType": "image/png", "data": "iVBORw0KGgo="}}]},
                   {"role": "model", "parts": [{"text": "hm", "thought": true, "thoughtSignature": "c2ln"},
                     {"functionCall": {"name": "get_weather", "args": {"city": "Paris"}}, "thoughtSignature": "dHM="}]},
                   {"role": "user", "parts": [{"functionResponse": {"name": "get_weather", "response": {"tempC": 15}}}]}],
                 "tools": [{"functionDeclarations": [{"name": "get_weather", "description": "Weather",
                   "parameters": {"type": "OBJECT", "properties": {"city": {"type": "STRING"}}, "required": ["city"]}}]}],
                 "toolConfig": {"functionCallingConfig": {"mode": "ANY", "allowedFunctionNames": ["get_weather"]}},
                 "generationConfig": {"temperature": 0.5, "topP": 0.9, "topK": 40, "maxOutputTokens": 512,
                   "stopSequences": ["END"], "seed": 7, "responseMimeType": "application/json",
                   "responseJsonSchema": {"type": "object"},
                   "thinkingConfig": {"thinkingBudget": 2048, "includeThoughts": true}}}""";
        ChatRequest canonical = GeminiRequestDecoder.decode(request.getBytes(StandardCharsets.UTF_8),
                "gemini-2.5-flash", false);
        JsonNode written = GeminiRequestEncoder.toJson(canonical,
                ThinkingCapabilities.defaults().resolve("gemini-2.5-flash"));
        assertThat(written.toString()).isEqualTo(Json.MAPPER.readTree(request).toString());
    }
}
