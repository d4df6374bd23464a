package dev.junction.protocol.openai.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.StreamContext;
import dev.junction.protocol.model.Usage;
import java.util.Optional;

/**
 * The {@code response} object around the output items, in OpenAI's field order: {@code id},
 * {@code created_at} and {@code model} from the context (the id Junction gave the request, the
 * model the caller named), the request's parameters from its echo, and {@code store: false},
 * {@code background: false} and {@code previous_response_id: null}, since nothing is stored.
 */
final class ResponsesEnvelope {
    private ResponsesEnvelope() {}

    /**
     * @param error the {@code error} object of a failed response
     * @param usage absent while the response is in progress
     */
    static ObjectNode response(StreamContext context, ObjectNode echo, String status, Optional<String> incompleteReason,
            Optional<ObjectNode> error, ArrayNode output, Optional<Usage> usage) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("id", context.responseId());
        out.put("object", "response");
        out.put("created_at", context.createdEpochSeconds());
        out.put("status", status);
        out.put("background", false);
        error.ifPresentOrElse(e -> out.set("error", e), () -> out.putNull("error"));
        incompleteReason.ifPresentOrElse(r -> out.putObject("incomplete_details").put("reason", r),
                () -> out.putNull("incomplete_details"));
        out.set("instructions", copy(echo, "instructions"));
        out.set("max_output_tokens", copy(echo, "max_output_tokens"));
        out.putNull("max_tool_calls");
        out.put("model", context.model());
        out.set("output", output);
        out.set("parallel_tool_calls", copy(echo, "parallel_tool_calls"));
        out.putNull("previous_response_id");
        out.set("reasoning", copy(echo, "reasoning"));
        out.put("service_tier", "default");
        out.put("store", false);
        out.set("temperature", copy(echo, "temperature"));
        out.set("text", copy(echo, "text"));
        out.set("tool_choice", copy(echo, "tool_choice"));
        out.set("tools", copy(echo, "tools"));
        out.put("top_logprobs", 0);
        out.set("top_p", copy(echo, "top_p"));
        out.set("truncation", copy(echo, "truncation"));
        usage.ifPresentOrElse(u -> out.set("usage", ResponsesUsage.toJson(u)), () -> out.putNull("usage"));
        out.putNull("user");
        out.set("metadata", copy(echo, "metadata"));
        return out;
    }

    private static JsonNode copy(ObjectNode echo, String name) {
        JsonNode value = echo.get(name);
        return value == null ? Json.MAPPER.nullNode() : value.deepCopy();
    }
}
