package dev.junction.protocol.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.ChatResponse;
import dev.junction.protocol.model.Choice;
import dev.junction.protocol.model.GatewayException;
import dev.junction.protocol.model.Part;
import dev.junction.protocol.model.StreamContext;
import java.util.Optional;

/**
 * Encodes a complete answer as an OpenAI {@code chat.completion} (PROTOCOLS §4.1, §5.3).
 *
 * <ul>
 * <li>{@code id}, {@code created}, {@code model} come from the caller's {@link StreamContext}
 *     ({@code model} is the name the client asked for);</li>
 * <li>{@code content} joins the text parts; it is {@code null} when the answer is only tool
 *     calls, {@code ""} when there is nothing at all;</li>
 * <li>{@code reasoning_content} joins thought parts, present only when the context says the
 *     client asked for thoughts and there are some;</li>
 * <li>{@code tool_calls} keep Gemini's order, {@code arguments} a JSON string, the signature in
 *     {@code extra_content.google.thought_signature} (Google's convention);</li>
 * <li>a signature on a text or thought part goes in the message's own {@code extra_content}
 *     (the last one, where Gemini 3 puts it), so a client can send it back;</li>
 * <li>{@code refusal} is {@code null}, and {@code logprobs} too unless the upstream gave them ({@link OpenAiLogprobs}); {@code usage} per {@link OpenAiUsageEncoder}.</li>
 * </ul>
 */
public final class OpenAiResponseEncoder {

    private OpenAiResponseEncoder() {}

    /**
     * @throws GatewayException a 400 with code {@code content_filter} when the prompt was
     *     blocked (see {@link OpenAiPromptBlocks}); render it with {@link OpenAiErrors}
     */
    public static byte[] encode(ChatResponse response, StreamContext context) {
        try {
            return Json.MAPPER.writeValueAsBytes(toJson(response, context));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode toJson(ChatResponse response, StreamContext context) {
        if (response.promptBlock().isPresent()) {
            throw new GatewayException(OpenAiPromptBlocks.error(response.promptBlock().get()));
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("id", context.responseId());
        out.put("object", "chat.completion");
        out.put("created", context.createdEpochSeconds());
        out.put("model", context.model());
        ArrayNode choices = out.putArray("choices");
        for (Choice choice : response.choices()) {
            ObjectNode c = choices.addObject();
            c.put("index", choice.index());
            c.set("message", message(choice, context.includeReasoning()));
            if (choice.logprobs().isEmpty()) {
                c.putNull("logprobs");
            } else {
                c.set("logprobs", OpenAiLogprobs.toJson(choice.logprobs()));
            }
            c.put("finish_reason", OpenAiFinishReasons.wire(choice.finishReason()));
        }
        response.usage().ifPresent(u -> out.set("usage", OpenAiUsageEncoder.toJson(u)));
        return out;
    }

    private static ObjectNode message(Choice choice, boolean includeReasoning) {
        StringBuilder content = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        ArrayNode toolCalls = Json.MAPPER.createArrayNode();
        Optional<String> signature = Optional.empty();
        for (Part part : choice.parts()) {
            switch (part) {
                case Part.Text t -> {
                    content.append(t.text());
                    signature = t.signature().isPresent() ? t.signature() : signature;
                }
                case Part.Reasoning r -> {
                    reasoning.append(r.text());
                    signature = r.signature().isPresent() ? r.signature() : signature;
                }
                case Part.ToolCall call -> toolCalls.add(toolCall(call));
                case Part.Blob b -> content.append("![image](data:").append(b.mimeType()).append(";base64,")
                        .append(b.base64()).append(")");
                case Part.FileRef f -> content.append("[").append(f.uri()).append("](").append(f.uri()).append(")");
                case Part.ToolResult r -> { }
                case Part.RedactedReasoning r -> { } // encrypted: nothing a client can read
            }
        }
        ObjectNode message = Json.MAPPER.createObjectNode();
        message.put("role", "assistant");
        if (content.isEmpty() && !toolCalls.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", content.toString());
        }
        if (includeReasoning && !reasoning.isEmpty()) {
            message.put("reasoning_content", reasoning.toString());
        }
        message.putNull("refusal");
        if (!toolCalls.isEmpty()) {
            message.set("tool_calls", toolCalls);
        }
        signature.ifPresent(s -> message.set("extra_content", OpenAiExtraContent.withSignature(s)));
        return message;
    }

    /** One tool call in OpenAI's shape; also the body of a streamed tool-call delta. */
    static ObjectNode toolCall(Part.ToolCall call) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("id", call.id());
        out.put("type", "function");
        out.putObject("function").put("name", call.name()).put("arguments", call.argumentsJson());
        call.signature().ifPresent(s -> out.set("extra_content", OpenAiExtraContent.withSignature(s)));
        return out;
    }
}
