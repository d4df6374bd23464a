package dev.junction.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.ChatResponse;
import dev.junction.protocol.model.Choice;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import dev.junction.protocol.model.Part;
import dev.junction.protocol.model.PromptBlock;
import dev.junction.protocol.model.ToolCallIds;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decodes a Gemini {@code GenerateContentResponse} (a successful {@code generateContent}
 * body) into a {@link ChatResponse}: one {@link Choice} per candidate, parts as
 * {@link GeminiPartDecoder} reads them, the finish reason from {@link GeminiFinishReasons},
 * usage from {@link GeminiUsage}. A blocked prompt ({@code promptFeedback.blockReason}, no
 * candidates) is a response with no choices and a {@link PromptBlock}.
 */
public final class GeminiResponseDecoder {

    private GeminiResponseDecoder() {}

    /**
     * @param ids where function calls without an id get one
     * @throws GatewayException {@code UPSTREAM_ERROR} when the body is not a JSON object, or has
     *     neither candidates nor a block reason; the decoded error when the body is Google's
     *     {@code {"error":...}} shape
     */
    public static ChatResponse decode(byte[] body, ToolCallIds ids) {
        JsonNode root = parse(body);
        if (root.has("error")) {
            throw new GatewayException(GeminiErrors.decode(root.path("error").path("code").asInt(500), body));
        }
        List<Choice> choices = new ArrayList<>();
        JsonNode candidates = root.path("candidates");
        for (int i = 0; i < candidates.size(); i++) {
            choices.add(choice(candidates.get(i), i, ids));
        }
        choices.sort(Comparator.comparingInt(Choice::index));
        Optional<PromptBlock> block = choices.isEmpty() ? promptBlock(root) : Optional.empty();
        if (choices.isEmpty() && block.isEmpty()) {
            throw new GatewayException(GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR,
                    "the upstream answered without any candidate and without saying why"));
        }
        return new ChatResponse(text(root.path("responseId")), text(root.path("modelVersion")), choices,
                root.path("usageMetadata").isObject()
                        ? Optional.of(GeminiUsage.fromJson(root.get("usageMetadata")))
                        : Optional.empty(),
                block);
    }

    private static Choice choice(JsonNode candidate, int position, ToolCallIds ids) {
        List<Part> parts = new ArrayList<>();
        for (JsonNode part : candidate.path("content").path("parts")) {
            GeminiPartDecoder.decode(part, ids).ifPresent(parts::add);
        }
        boolean toolCalls = parts.stream().anyMatch(p -> p instanceof Part.ToolCall);
        boolean produced = parts.stream().anyMatch(p -> p instanceof Part.ToolCall
                || (p instanceof Part.Text t && !t.text().isEmpty()));
        Optional<String> nativeReason = text(candidate.path("finishReason"));
        return new Choice(candidate.path("index").asInt(position), parts,
                GeminiFinishReasons.map(nativeReason, toolCalls, produced), nativeReason, Optional.empty(),
                GeminiLogprobs.decode(candidate));
    }

    /** The block reason of a response without candidates, if Gemini gave one. */
    static Optional<PromptBlock> promptBlock(JsonNode root) {
        JsonNode feedback = root.path("promptFeedback");
        return text(feedback.path("blockReason"))
                .map(reason -> new PromptBlock(reason, text(feedback.path("blockReasonMessage"))));
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode root = Json.MAPPER.readTree(body);
            if (root != null && root.isObject()) {
                return root;
            }
        } catch (IOException e) {
            // Reported below, like any other body that is not an object.
        }
        throw new GatewayException(GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR,
                "the upstream sent malformed data: its answer is not a JSON object"));
    }

    static Optional<String> text(JsonNode node) {
        return node.isTextual() ? Optional.of(node.textValue()) : Optional.empty();
    }
}
