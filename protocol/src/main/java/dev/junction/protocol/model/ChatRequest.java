package dev.junction.protocol.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * A chat request in Junction's own terms, independent of the protocol it arrived in.
 *
 * @param model the model name the caller asked for
 * @param system system instructions, in order
 * @param messages the conversation without system messages, in order
 * @param vendorOptions options only one vendor understands, keyed as that vendor spells them
 *     (for Google: {@code cached_content}, {@code safety_settings}); passed through as given
 */
public record ChatRequest(
        String model,
        List<Part> system,
        List<Message> messages,
        List<Tool> tools,
        Optional<ToolChoice> toolChoice,
        Sampling sampling,
        ReasoningConfig reasoning,
        ResponseFormat responseFormat,
        boolean stream,
        boolean includeUsage,
        Optional<ObjectNode> vendorOptions) {

    public ChatRequest {
        system = List.copyOf(system);
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
    }
}
