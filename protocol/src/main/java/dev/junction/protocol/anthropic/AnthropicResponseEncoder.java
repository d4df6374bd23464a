package dev.junction.protocol.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.ChatResponse;
import dev.junction.protocol.model.Choice;
import dev.junction.protocol.model.Part;
import dev.junction.protocol.model.StreamContext;
import dev.junction.protocol.model.Usage;
import java.util.Optional;

/**
 * A canonical answer as an Anthropic {@code message}: {@code id} and {@code model} from the
 * context (the id Junction gave the request, the model the caller named), the first choice's
 * parts as content blocks (adjacent text parts joined into one {@code text} block; thoughts as
 * {@code thinking} blocks with their signatures, only when the caller asked for thinking;
 * encrypted thinking as {@code redacted_thinking}; tool calls as {@code tool_use}), the stop
 * reason by {@link AnthropicStopReasons} and usage by {@link AnthropicUsage}. A prompt the
 * vendor refused is an empty message whose stop reason is {@code refusal}. Media in an answer,
 * which Claude's API has no block for, is written as a markdown link in the text.
 */
public final class AnthropicResponseEncoder {
    private AnthropicResponseEncoder() {}

    public static byte[] encode(ChatResponse response, StreamContext context) {
        try {
            return Json.MAPPER.writeValueAsBytes(toJson(response, context));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode toJson(ChatResponse response, StreamContext context) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("id", context.responseId());
        out.put("type", "message");
        out.put("role", "assistant");
        out.put("model", context.model());
        ArrayNode content = out.putArray("content");
        Optional<Choice> first = response.choices().stream().filter(c -> c.index() == 0).findFirst()
                .or(() -> response.choices().stream().findFirst());
        if (response.promptBlock().isPresent() || first.isEmpty()) {
            out.put("stop_reason", "refusal");
            out.putNull("stop_sequence");
        } else {
            Choice choice = first.get();
            blocks(choice, context.includeReasoning(), content);
            out.put("stop_reason", AnthropicStopReasons.write(choice.finishReason(), choice.stopSequence()));
            if (choice.stopSequence().isPresent()) {
                out.put("stop_sequence", choice.stopSequence().get());
            } else {
                out.putNull("stop_sequence");
            }
        }
        out.set("usage", AnthropicUsage.write(response.usage().orElse(Usage.ZERO)));
        return out;
    }

    private static void blocks(Choice choice, boolean includeThinking, ArrayNode content) {
        StringBuilder text = null;
        for (Part part : choice.parts()) {
            String append = switch (part) {
                case Part.Text t -> t.text();
                case Part.Blob b -> "![media](data:" + b.mimeType() + ";base64," + b.base64() + ")";
                case Part.FileRef f -> "[" + f.uri() + "](" + f.uri() + ")";
                default -> null;
            };
            if (append != null) {
                if (text == null) {
                    text = new StringBuilder();
                }
                text.append(append);
                continue;
            }
            if (text != null) {
                addText(content, text);
                text = null;
            }
            switch (part) {
                case Part.Reasoning r -> {
                    if (includeThinking) {
                        content.addObject().put("type", "thinking").put("thinking", r.text())
                                .put("signature", r.signature().orElse(""));
                    }
                }
                case Part.RedactedReasoning r -> content.addObject().put("type", "redacted_thinking")
                        .put("data", r.data());
                case Part.ToolCall call -> {
                    ObjectNode block = content.addObject();
                    block.put("type", "tool_use").put("id", call.id()).put("name", call.name());
                    block.set("input", input(call.argumentsJson()));
                }
                default -> {
                    // tool results never appear in answers
                }
            }
        }
        if (text != null) {
            addText(content, text);
        }
    }

    private static void addText(ArrayNode content, StringBuilder text) {
        if (!text.isEmpty()) {
            content.addObject().put("type", "text").put("text", text.toString());
        }
    }

    static JsonNode input(String argumentsJson) {
        try {
            JsonNode parsed = Json.MAPPER.readTree(argumentsJson);
            if (parsed != null && parsed.isObject()) {
                return parsed;
            }
        } catch (JsonProcessingException | RuntimeException e) {
            // not an object: no input
        }
        return Json.MAPPER.createObjectNode();
    }
}
