package dev.junction.protocol.openai.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.Part;
import java.util.Optional;

/**
 * The output items of a response, as OpenAI shapes them, for whole and streamed answers alike.
 * Item ids are made from the response id and the item's place in {@code output}
 * ({@code msg_<id>_0}, {@code fc_<id>_1}, {@code rs_<id>_2}), so that codecs stay pure and
 * every id is unique within the response and across responses.
 */
final class ResponsesItems {
    private ResponsesItems() {}

    static String id(String prefix, String responseId, int outputIndex) {
        String base = responseId.startsWith("resp_") ? responseId.substring("resp_".length()) : responseId;
        return prefix + "_" + base + "_" + outputIndex;
    }

    /** An assistant message; its {@code content} is empty until a text part is added. */
    static ObjectNode message(String id, String status) {
        ObjectNode item = Json.MAPPER.createObjectNode();
        item.put("id", id).put("type", "message").put("status", status).put("role", "assistant");
        item.putArray("content");
        return item;
    }

    static ObjectNode outputText(String text) {
        ObjectNode part = Json.MAPPER.createObjectNode().put("type", "output_text");
        part.putArray("annotations");
        part.putArray("logprobs");
        part.put("text", text);
        return part;
    }

    static ObjectNode functionCall(String id, String status, Part.ToolCall call, String arguments) {
        return Json.MAPPER.createObjectNode().put("id", id).put("type", "function_call").put("status", status)
                .put("arguments", arguments).put("call_id", call.id()).put("name", call.name());
    }

    /** A reasoning item; its {@code summary} is empty until a summary part is added. */
    static ObjectNode reasoning(String id, Optional<String> encryptedContent) {
        ObjectNode item = Json.MAPPER.createObjectNode().put("id", id).put("type", "reasoning");
        item.putArray("summary");
        encryptedContent.ifPresent(e -> item.put("encrypted_content", e));
        return item;
    }

    static ObjectNode summaryText(String text) {
        return Json.MAPPER.createObjectNode().put("type", "summary_text").put("text", text);
    }
}
