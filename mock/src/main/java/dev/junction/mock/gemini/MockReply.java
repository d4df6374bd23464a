package dev.junction.mock.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;

/**
 * What the mock will do with one request: the pure output of {@link MockBehaviour}, executed on
 * the wire by {@link ReplyWriter}. Keeping it data lets the behaviour be tested without sockets.
 */
sealed interface MockReply {

    /** How long to wait before the first byte (status line included). */
    Duration delay();

    /** A complete JSON body: a unary {@code GenerateContentResponse}, a model list or a Google error. */
    record Json(int status, JsonNode body, Duration delay) implements MockReply {
        public Json(int status, JsonNode body) {
            this(status, body, Duration.ZERO);
        }
    }

    /** A non-JSON body, as a broken proxy in front of Google would send. */
    record Raw(int status, String contentType, byte[] body, Duration delay) implements MockReply {}

    /**
     * A {@code streamGenerateContent} reply: {@code events} are complete
     * {@code GenerateContentResponse}s (delta parts, cumulative usage) sent {@code interval}
     * apart, then {@code end}. Framing (SSE or JSON array) follows the request, not the plan.
     */
    record Stream(List<JsonNode> events, Duration delay, Duration interval, StreamEnd end) implements MockReply {
        public Stream {
            events = List.copyOf(events);
        }
    }

    /** Read the request, then send nothing at all until the client gives up or the server stops. */
    record Hang(Duration delay) implements MockReply {}

    /** Drop the connection without any response. */
    record Reset(Duration delay) implements MockReply {}
}
