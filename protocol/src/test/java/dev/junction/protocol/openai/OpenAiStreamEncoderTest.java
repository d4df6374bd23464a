package dev.junction.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.protocol.model.FinishReason;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.StreamContext;
import dev.junction.protocol.model.StreamEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenAiStreamEncoderTest {
    private final OpenAiStreamEncoder encoder =
            new OpenAiStreamEncoder(new StreamContext("chatcmpl-1", 1L, "gemini-2.5-flash", true, true));

    private static String text(List<byte[]> frames) {
        StringBuilder out = new StringBuilder();
        frames.forEach(f -> out.append(new String(f, StandardCharsets.UTF_8)));
        return out.toString();
    }

    @Test
    void aFailureBeforeAnythingIsJustTheErrorAndTheStreamEnds() {
        String out = text(encoder.onEvent(new StreamEvent.Failed(GatewayError.of(GatewayError.Kind.UPSTREAM_TIMEOUT, "slow"))));
        assertThat(out).isEqualTo("data: {\"error\":{\"message\":\"slow\",\"type\":\"server_error\",\"param\":null,"
                + "\"code\":\"timeout\"}}\n\n");
        assertThat(encoder.onEvent(new StreamEvent.TextDelta(0, "late"))).isEmpty();
        assertThat(encoder.onEnd()).isEmpty();
    }

    @Test
    void exactlyOneFinishChunkPerChoiceEvenWhenToldTwice() {
        encoder.onEvent(new StreamEvent.Started(Optional.empty(), Optional.empty()));
        encoder.onEvent(new StreamEvent.Finished(0, FinishReason.STOP, Optional.of("STOP")));
        encoder.onEvent(new StreamEvent.Finished(0, FinishReason.TOOL_CALLS, Optional.of("STOP")));
        String end = text(encoder.onEnd());
        assertThat(end.split("\"finish_reason\":\"", -1)).hasSize(2);
        assertThat(end).contains("\"finish_reason\":\"tool_calls\"").endsWith("data: [DONE]\n\n");
    }

    @Test
    void emptyDeltasAreNotSent() {
        encoder.onEvent(new StreamEvent.Started(Optional.empty(), Optional.empty()));
        assertThat(encoder.onEvent(new StreamEvent.TextDelta(0, ""))).isEmpty();
        assertThat(encoder.onEvent(new StreamEvent.ReasoningDelta(0, ""))).isEmpty();
    }
}
