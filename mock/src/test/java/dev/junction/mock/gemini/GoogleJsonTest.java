package dev.junction.mock.gemini;

import static dev.junction.mock.gemini.Requests.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GoogleJsonTest {

    @Test
    void eventsAreOneLineWithASpaceAfterEveryColonAsRecorded() {
        String event = new String(GoogleJson.event(json("""
                {"candidates": [{"content": {"parts": [{"text": "The"}], "role": "model"}}],
                 "usageMetadata": {"promptTokenCount": 7, "totalTokenCount": 7,
                   "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 7}]},
                 "modelVersion": "gemini-2.0-flash"}""")), StandardCharsets.UTF_8);
        // the first event of fixture firebase-googleai__streaming-success-basic-reply-short.txt, byte for byte
        assertThat(event).isEqualTo("{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"The\"}],\"role\": \"model\"}}],"
                + "\"usageMetadata\": {\"promptTokenCount\": 7,\"totalTokenCount\": 7,\"promptTokensDetails\": "
                + "[{\"modality\": \"TEXT\",\"tokenCount\": 7}]},\"modelVersion\": \"gemini-2.0-flash\"}");
    }

    @Test
    void unaryBodiesArePrettyPrintedLikeGoogle() {
        String body = new String(GoogleJson.pretty(json("{\"functionCall\": {\"name\": \"now\", \"args\": {}}, \"list\": [1]}")),
                StandardCharsets.UTF_8);
        assertThat(body).isEqualTo("""
                {
                  "functionCall": {
                    "name": "now",
                    "args": {}
                  },
                  "list": [
                    1
                  ]
                }
                """);
    }
}
