package dev.junction.protocol.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.StreamEvent;
import dev.junction.protocol.model.ToolCallIds;
import dev.junction.protocol.sse.SseEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiStreamDecoderTest {
    private final GeminiStreamDecoder decoder = new GeminiStreamDecoder(ToolCallIds.sequential("call_"));

    @Test
    void aStreamClosedBeforeAnyEventFails() {
        List<StreamEvent> events = decoder.onEnd();
        assertThat(events).singleElement().isInstanceOfSatisfying(StreamEvent.Failed.class,
                f -> assertThat(f.error().kind()).isEqualTo(GatewayError.Kind.UPSTREAM_ERROR));
    }

    @Test
    void nothingFollowsAFailure() {
        assertThat(decoder.onEvent(SseEvent.data("{\"error\":{\"code\":429,\"message\":\"slow down\",\"status\":\"RESOURCE_EXHAUSTED\"}}")))
                .singleElement().isInstanceOfSatisfying(StreamEvent.Failed.class,
                        f -> assertThat(f.error().kind()).isEqualTo(GatewayError.Kind.RATE_LIMITED));
        assertThat(decoder.onEvent(SseEvent.data("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"x\"}]}}]}"))).isEmpty();
        assertThat(decoder.onEnd()).isEmpty();
    }

    @Test
    void emptyAndDoneEventsAreIgnored() {
        assertThat(decoder.onEvent(SseEvent.data(""))).isEmpty();
        assertThat(decoder.onEvent(SseEvent.data("[DONE]"))).isEmpty();
    }

    @Test
    void jsonThatIsNotAnObjectIsMalformed() {
        assertThat(decoder.onEvent(SseEvent.data("[1,2]"))).singleElement().isInstanceOfSatisfying(StreamEvent.Failed.class,
                f -> assertThat(f.error().message()).contains("malformed"));
    }

    @Test
    void toolCallIdsAreAssignedOncePerPart() {
        List<StreamEvent> events = decoder.onEvent(SseEvent.data("{\"candidates\":[{\"content\":{\"parts\":["
                + "{\"functionCall\":{\"name\":\"a\",\"args\":{}}},{\"functionCall\":{\"name\":\"b\"}}]},\"finishReason\":\"STOP\"}]}"));
        assertThat(events).filteredOn(StreamEvent.ToolCallDelta.class::isInstance)
                .extracting(e -> ((StreamEvent.ToolCallDelta) e).call().id()).containsExactly("call_1", "call_2");
        assertThat(events).filteredOn(StreamEvent.ToolCallDelta.class::isInstance)
                .extracting(e -> ((StreamEvent.ToolCallDelta) e).call().argumentsJson()).containsExactly("{}", "{}");
    }
}
