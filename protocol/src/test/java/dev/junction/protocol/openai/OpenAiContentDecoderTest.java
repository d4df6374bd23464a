package dev.junction.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.protocol.model.ChatRequest;
import dev.junction.protocol.model.Part;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenAiContentDecoderTest {

    /**
     * A URL the gateway later fails to fetch is reported against the field the client wrote.
     * System messages leave the conversation in Junction's model, so the position of a message
     * there is not its index in the client's {@code messages}.
     */
    @Test
    void aUrlPartRemembersTheFieldItCameFromWhenSystemMessagesAreHoisted() {
        ChatRequest request = OpenAiRequestDecoder.decode("""
                {"model": "gemini-2.5-flash", "messages": [
                  {"role": "system", "content": "You describe pictures."},
                  {"role": "user", "content": [
                    {"type": "text", "text": "What is this?"},
                    {"type": "image_url", "image_url": {"url": "https://example.com/cat.png"}}]}]}
                """.getBytes(StandardCharsets.UTF_8));

        assertThat(request.messages()).hasSize(1);
        Part.FileRef ref = (Part.FileRef) request.messages().get(0).parts().get(1);
        assertThat(ref.uri()).isEqualTo("https://example.com/cat.png");
        assertThat(ref.mimeType()).contains("image/png");
        assertThat(ref.source()).isEqualTo(Optional.of("messages[1].content[1].image_url.url"));
    }
}
