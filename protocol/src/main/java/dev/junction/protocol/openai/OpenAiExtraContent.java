package dev.junction.protocol.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.JsonField;
import java.util.Optional;

/**
 * Google's extension slot on OpenAI messages and tool calls,
 * {@code "extra_content": {"google": {"thought_signature": "..."}}}: how Google's own OpenAI
 * endpoint hands out Gemini's thought signatures and takes them back.
 */
final class OpenAiExtraContent {
    private OpenAiExtraContent() {}

    /** The signature under {@code holder.extra_content.google}, if any; a 400 if the slot has the wrong shape. */
    static Optional<String> signature(JsonField holder) {
        JsonField extra = holder.field("extra_content");
        if (extra.isAbsent()) {
            return Optional.empty();
        }
        extra.object();
        JsonField google = extra.field("google");
        if (google.isAbsent()) {
            return Optional.empty();
        }
        google.object();
        return google.field("thought_signature").optString();
    }

    /** {@code {"google": {"thought_signature": signature}}}, the value of an {@code extra_content} key. */
    static ObjectNode withSignature(String signature) {
        ObjectNode extra = Json.MAPPER.createObjectNode();
        extra.putObject("google").put("thought_signature", signature);
        return extra;
    }
}
