package dev.junction.gateway.relay;

import dev.junction.protocol.model.ChatResponse;
import dev.junction.protocol.model.ToolCallIds;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a door writes canonical answers in its client's protocol: whole, or as a stream. One per
 * request (it knows the request's ids and time).
 */
public interface ChatAnswers {
    /** The content type of a whole answer. */
    default String contentType() {
        return "application/json";
    }

    byte[] encode(ChatResponse response);

    /** A new encoder for one streamed answer. */
    StreamEncoder stream();

    /**
     * Ids for the tool calls a vendor leaves without one, in the style the client expects
     * (OpenAI's {@code call_...} unless the door says otherwise).
     */
    default ToolCallIds toolCallIds() {
        return ToolCallIds.openAiStyle(ThreadLocalRandom.current());
    }
}
