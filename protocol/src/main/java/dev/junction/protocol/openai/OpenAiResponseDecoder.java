package dev.junction.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.ChatResponse;
import dev.junction.protocol.model.Choice;
import dev.junction.protocol.model.FinishReason;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import dev.junction.protocol.model.Part;
import dev.junction.protocol.model.ToolCallIds;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An OpenAI-compatible upstream's {@code chat.completion} as a canonical {@link ChatResponse}:
 * each choice's {@code reasoning_content} (DeepSeek, vLLM) or {@code reasoning} (OpenRouter,
 * newer vLLM) first as reasoning, then its {@code content} (or its {@code refusal}) as text, then
 * its {@code tool_calls} in order, with the vendor's ids (one from {@code ids} where a vendor
 * gave none). Finish reasons by {@link OpenAiFinishReasons#read}, usage by {@link OpenAiUsage}.
 */
public final class OpenAiResponseDecoder {
    private OpenAiResponseDecoder() {}

    /** @throws GatewayException {@code UPSTREAM_ERROR} when the body is not a chat completion */
    public static ChatResponse decode(byte[] body, ToolCallIds ids) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw garbage("the upstream's answer is not JSON");
        }
        if (root == null || !root.isObject() || !root.path("choices").isArray()) {
            throw garbage("the upstream's answer is not an OpenAI chat completion");
        }
        List<Choice> choices = new ArrayList<>();
        for (JsonNode choice : root.get("choices")) {
            choices.add(choice(choice, choices.size(), ids));
        }
        return new ChatResponse(text(root.path("id")), text(root.path("model")), choices,
                root.path("usage").isObject() ? Optional.of(OpenAiUsage.read(root.get("usage"))) : Optional.empty(),
                Optional.empty());
    }

    private static Choice choice(JsonNode choice, int position, ToolCallIds ids) {
        JsonNode message = choice.path("message");
        List<Part> parts = new ArrayList<>();
        reasoning(message).ifPresent(r -> parts.add(new Part.Reasoning(r, Optional.empty())));
        Optional<String> content = text(message.path("content")).or(() -> text(message.path("refusal")));
        content.ifPresent(c -> parts.add(Part.Text.of(c)));
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode function = call.path("function");
            parts.add(new Part.ToolCall(text(call.path("id")).orElseGet(ids::next), function.path("name").asText(""),
                    arguments(function.path("arguments")), Optional.empty()));
        }
        Optional<String> reason = text(choice.path("finish_reason"));
        FinishReason finish = reason.map(OpenAiFinishReasons::read).orElse(FinishReason.STOP);
        int index = choice.path("index").canConvertToInt() ? choice.get("index").asInt() : position;
        return new Choice(index, parts, finish, reason);
    }

    /** The thinking a vendor returned beside the answer, under either name in use. */
    static Optional<String> reasoning(JsonNode holder) {
        return text(holder.path("reasoning_content")).or(() -> text(holder.path("reasoning")));
    }

    /** Arguments as the JSON text of an object; a vendor that sent an object itself is written out. */
    static String arguments(JsonNode arguments) {
        if (arguments.isObject()) {
            return arguments.toString();
        }
        String text = arguments.asText("");
        return text.isBlank() ? "{}" : text;
    }

    static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.textValue().isEmpty() ? Optional.of(node.textValue()) : Optional.empty();
    }

    private static GatewayException garbage(String message) {
        return new GatewayException(GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR, message));
    }
}
