package dev.junction.protocol.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.ChatResponse;
import dev.junction.protocol.model.Choice;
import dev.junction.protocol.model.FinishReason;
import dev.junction.protocol.model.Part;
import dev.junction.protocol.model.StreamContext;
import dev.junction.protocol.model.Usage;
import java.util.List;
import java.util.Optional;

/**
 * A canonical answer as a Gemini {@code GenerateContentResponse}, for a Gemini-native client
 * served by an upstream of another protocol.
 *
 * <ul>
 *   <li>{@code responseId} and {@code modelVersion} come from the {@link StreamContext} (the
 *       model the client asked for).
 *   <li>Each choice is a candidate of role {@code model}: thoughts as {@code thought: true} text
 *       (only when the client asked for thoughts), text, and {@code functionCall}s with their ids
 *       (the client sends them back on its {@code functionResponse}s).
 *   <li>{@code finishReason}: a tool-call ending is {@code STOP}, as Gemini ends a tool turn;
 *       length is {@code MAX_TOKENS}, a filtered answer {@code SAFETY}.
 *   <li>{@code usageMetadata}: the prompt (tool-use prompt included), the visible output as
 *       {@code candidatesTokenCount}, thoughts and cached tokens when there are some, and a total
 *       that is their sum.
 *   <li>A refused prompt is {@code promptFeedback.blockReason} without candidates, as Gemini says it.
 * </ul>
 */
public final class GeminiResponseEncoder {
    private GeminiResponseEncoder() {}

    public static byte[] encode(ChatResponse response, StreamContext context) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        if (response.promptBlock().isPresent()) {
            out.putObject("promptFeedback").put("blockReason", response.promptBlock().get().reason());
        } else {
            ArrayNode candidates = out.putArray("candidates");
            for (Choice choice : response.choices()) {
                candidates.add(candidate(choice.index(), parts(choice.parts(), context.includeReasoning()),
                        Optional.of(choice.finishReason())));
            }
        }
        response.usage().ifPresent(u -> out.set("usageMetadata", usage(u)));
        out.put("modelVersion", context.model());
        out.put("responseId", context.responseId());
        return write(out);
    }

    static ObjectNode candidate(int index, ArrayNode parts, Optional<FinishReason> finish) {
        ObjectNode candidate = Json.MAPPER.createObjectNode();
        ObjectNode content = candidate.putObject("content");
        content.put("role", "model");
        content.set("parts", parts);
        finish.ifPresent(f -> candidate.put("finishReason", finishReason(f)));
        candidate.put("index", index);
        return candidate;
    }

    static ArrayNode parts(List<Part> parts, boolean includeReasoning) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Part part : parts) {
            part(part, includeReasoning).ifPresent(out::add);
        }
        return out;
    }

    static Optional<ObjectNode> part(Part part, boolean includeReasoning) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        switch (part) {
            case Part.Text t -> {
                out.put("text", t.text());
                t.signature().ifPresent(s -> out.put("thoughtSignature", s));
            }
            case Part.Reasoning r -> {
                if (!includeReasoning) {
                    return Optional.empty();
                }
                out.put("text", r.text()).put("thought", true);
            }
            case Part.ToolCall call -> {
                ObjectNode functionCall = out.putObject("functionCall");
                functionCall.put("id", call.id()).put("name", call.name());
                functionCall.set("args", args(call.argumentsJson()));
                call.signature().ifPresent(s -> out.put("thoughtSignature", s));
            }
            case Part.Blob b -> out.putObject("inlineData").put("mimeType", b.mimeType()).put("data", b.base64());
            case Part.FileRef f -> {
                ObjectNode data = out.putObject("fileData");
                f.mimeType().ifPresent(m -> data.put("mimeType", m));
                data.put("fileUri", f.uri());
            }
            case Part.ToolResult r -> {
                return Optional.empty();
            }
            case Part.RedactedReasoning r -> {
                return Optional.empty(); // encrypted: nothing a client can read
            }
        }
        return Optional.of(out);
    }

    static String finishReason(FinishReason reason) {
        return switch (reason) {
            case STOP, TOOL_CALLS -> "STOP";
            case LENGTH -> "MAX_TOKENS";
            case CONTENT_FILTER -> "SAFETY";
        };
    }

    static ObjectNode usage(Usage usage) {
        int prompt = usage.promptTokens() + usage.toolPromptTokens();
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("promptTokenCount", prompt);
        out.put("candidatesTokenCount", usage.outputTokens());
        if (usage.thoughtTokens() > 0) {
            out.put("thoughtsTokenCount", usage.thoughtTokens());
        }
        if (usage.cachedTokens() > 0) {
            out.put("cachedContentTokenCount", usage.cachedTokens());
        }
        out.put("totalTokenCount", (long) prompt + usage.outputTokens() + usage.thoughtTokens());
        return out;
    }

    private static JsonNode args(String json) {
        try {
            JsonNode node = Json.MAPPER.readTree(json);
            return node != null && node.isObject() ? node : Json.MAPPER.createObjectNode();
        } catch (JsonProcessingException | RuntimeException e) {
            return Json.MAPPER.createObjectNode();
        }
    }

    static byte[] write(ObjectNode node) {
        try {
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
