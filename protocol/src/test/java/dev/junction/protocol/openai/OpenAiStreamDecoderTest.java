package dev.junction.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.protocol.model.FinishReason;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.StreamEvent;
import dev.junction.protocol.model.ToolCallIds;
import dev.junction.protocol.sse.SseEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OpenAI-compatible streams read as canonical events: reasoning, endings, errors, cuts. */
class OpenAiStreamDecoderTest {
    private static List<StreamEvent> run(boolean end, String... data) {
        OpenAiStreamDecoder decoder = new OpenAiStreamDecoder(ToolCallIds.sequential("made_"));
        List<StreamEvent> events = new ArrayList<>();
        for (String d : data) {
            events.addAll(decoder.onEvent(SseEvent.data(d)));
        }
        if (end) {
            events.addAll(decoder.onEnd());
        }
        return events;
    }

    @Test
    void deepSeekReasoningStreamsBeforeTheAnswer() {
        List<StreamEvent> events = run(true,
                "{\"id\":\"r1\",\"model\":\"deepseek-reasoner\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
                        + "\"content\":null,\"reasoning_content\":\"Let me\"}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"42\"}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}],\"usage\":{\"prompt_tokens\":3,"
                        + "\"completion_tokens\":9,\"total_tokens\":12,\"completion_tokens_details\":{\"reasoning_tokens\":4}}}",
                "[DONE]");
        assertThat(events).containsSubsequence(new StreamEvent.ReasoningDelta(0, "Let me"),
                new StreamEvent.TextDelta(0, "42"));
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(StreamEvent.Finished.class,
                f -> assertThat(f.reason()).isEqualTo(FinishReason.LENGTH)));
        assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(StreamEvent.UsageReport.class, u -> {
            assertThat(u.usage().outputTokens()).isEqualTo(5);
            assertThat(u.usage().thoughtTokens()).isEqualTo(4);
        });
    }

    @Test
    void anErrorChunkFailsTheStreamWithTheVendorsMeaning() {
        List<StreamEvent> events = run(true, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}",
                "{\"error\":{\"message\":\"Rate limit\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"never\"}}]}");
        assertThat(events).filteredOn(StreamEvent.Failed.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((StreamEvent.Failed) e).error().kind())
                        .isEqualTo(GatewayError.Kind.RATE_LIMITED));
        assertThat(events).doesNotContain(new StreamEvent.TextDelta(0, "never"));
    }

    @Test
    void aCutBeforeTheFinishIsAFailureAndAnEndAfterItIsNot() {
        assertThat(run(true, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}"))
                .last().isInstanceOf(StreamEvent.Failed.class);
        assertThat(run(true, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"},\"finish_reason\":\"stop\"}]}"))
                .noneMatch(StreamEvent.Failed.class::isInstance);
        assertThat(run(true)).singleElement().isInstanceOf(StreamEvent.Failed.class);
        assertThat(run(false, "not json")).singleElement().isInstanceOf(StreamEvent.Failed.class);
    }

    @Test
    void toolArgumentsThatAreNoObjectFailTheStream() {
        assertThat(run(true, "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"c\","
                + "\"function\":{\"name\":\"f\",\"arguments\":\"{broken\"}}]}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}"))
                .anyMatch(StreamEvent.Failed.class::isInstance);
    }
}
