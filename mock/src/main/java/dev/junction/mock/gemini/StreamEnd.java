package dev.junction.mock.gemini;

import com.fasterxml.jackson.databind.JsonNode;

/** How a streamed reply ends once its events are sent: cleanly, or in one of the hostile ways. */
sealed interface StreamEnd {

    /** End the response normally: that is how Google ends a stream (no {@code [DONE]}). */
    record Close() implements StreamEnd {}

    /** Keep the response open and send nothing more, until the client goes away or the server stops. */
    record Stall() implements StreamEnd {}

    /** Abort the connection mid-response: no terminating chunk, no clean end. */
    record Abort() implements StreamEnd {}

    /** One more event whose payload is not JSON, then a normal end. */
    record Garbage(String payload) implements StreamEnd {}

    /** One more event carrying a Google error object, then a normal end. */
    record Error(JsonNode error) implements StreamEnd {}

    StreamEnd CLOSE = new Close();
}
