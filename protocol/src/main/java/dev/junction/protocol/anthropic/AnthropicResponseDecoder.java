package dev.junction.protocol.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.ChatResponse;
import dev.junction.protocol.model.Choice;
import dev.junction.protocol.model.FinishReason;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import dev.junction.protocol.model.Part;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An Anthropic Messages API answer ({@code "type": "message"}) as a canonical
 * {@link ChatResponse} with one choice: {@code text} blocks are text, {@code thinking} blocks
 * reasoning with their signatures, {@code redacted_thinking} kept as it came, {@code tool_use}
 * tool calls with Anthropic's own ids. Blocks of Anthropic's server tools are left out (Junction
 * declares none). {@code stop_reason} is read by {@link AnthropicStopReasons}, usage by
 * {@link AnthropicUsage}.
 */
public final class AnthropicResponseDecoder {
    private AnthropicResponseDecoder() {}

    /** @throws GatewayException {@code UPSTREAM_ERROR} when the body is not a message */
    public static ChatResponse decode(byte[] body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw garbage("the upstream's answer is not JSON");
        }
        if (root == null || !root.isObject() || !root.path("content").isArray()) {
            throw garbage("the upstream's answer is not an Anthropic message");
        }
        List<Part> parts = new ArrayList<>();
        for (JsonNode block : root.get("content")) {
            part(block).ifPresent(parts::add);
        }
        Optional<String> stopReason = text(root.path("stop_reason"));
        Optional<String> stopSequence = text(root.path("stop_sequence"));
        FinishReason reason = stopReason.map(AnthropicStopReasons::read).orElse(FinishReason.STOP);
        Choice choice = new Choice(0, parts, reason, stopReason, stopSequence);
        return new ChatResponse(text(root.path("id")), text(root.path("model")), List.of(choice),
                root.path("usage").isObject() ? Optional.of(AnthropicUsage.read(root.get("usage"))) : Optional.empty(),
                Optional.empty());
    }

    static Optional<Part> part(JsonNode block) {
        return switch (block.path("type").asText("")) {
            case "text" -> Optional.of(Part.Text.of(block.path("text").asText("")));
            case "thinking" -> Optional.of(new Part.Reasoning(block.path("thinking").asText(""),
                    text(block.path("signature"))));
            case "redacted_thinking" -> Optional.of(new Part.RedactedReasoning(block.path("data").asText("")));
            case "tool_use" -> Optional.of(new Part.ToolCall(block.path("id").asText(""), block.path("name").asText(""),
                    block.path("input").isObject() ? block.get("input").toString() : "{}", Optional.empty()));
            default -> Optional.empty();
        };
    }

    static Optional<String> text(JsonNode node) {
        return node.isTextual() ? Optional.of(node.textValue()) : Optional.empty();
    }

    private static GatewayException garbage(String message) {
        return new GatewayException(GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR, message));
    }
}
