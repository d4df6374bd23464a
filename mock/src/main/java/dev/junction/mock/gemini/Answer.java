package dev.junction.mock.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** What the "model" says, before it is shaped into responses or stream events. */
sealed interface Answer {

    /**
     * A text answer.
     *
     * @param json true when the text is JSON (structured output): it is then streamed in slices of
     *             characters and counted as {@code ceil(chars / 4)} tokens rather than words
     */
    record Text(String text, boolean json) implements Answer {}

    /** One model turn of function calls (two under {@code mock:parallel}). */
    record Calls(List<Call> calls) implements Answer {
        public Calls {
            calls = List.copyOf(calls);
        }
    }

    record Call(String name, JsonNode args) {}
}
