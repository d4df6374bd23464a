package dev.junction.protocol.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.ChatResponse;
import dev.junction.protocol.model.Choice;
import dev.junction.protocol.model.Part;
import dev.junction.protocol.model.PromptBlock;
import dev.junction.protocol.model.StreamContext;
import java.util.Optional;
import java.util.Set;

/**
 * A canonical {@link ChatResponse} as Gemini's {@code GenerateContentResponse}, for a
 * Gemini-native caller served by another vendor: one candidate with its {@code content}
 * ({@code role: model}, parts by {@link GeminiAnswerParts}), {@code finishReason} by
 * {@link GeminiFinishReasons#write}, {@code usageMetadata} by {@link GeminiUsage#toJson},
 * {@code modelVersion} (the vendor's, else the model asked for) and {@code responseId} (the
 * context's). A prompt the vendor refused is {@code promptFeedback.blockReason} and no
 * candidate, as Gemini answers one.
 */
public final class GeminiResponseEncoder {
    static final Set<String> BLOCK_REASONS = Set.of("SAFETY", "OTHER", "BLOCKLIST", "PROHIBITED_CONTENT",
            "IMAGE_SAFETY");

    private GeminiResponseEncoder() {}

    public static byte[] encode(ChatResponse response, StreamContext context) {
        try {
            return Json.MAPPER.writeValueAsBytes(toJson(response, context));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode toJson(ChatResponse response, StreamContext context) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        Optional<Choice> first = response.choices().stream().filter(c -> c.index() == 0).findFirst()
                .or(() -> response.choices().stream().findFirst());
        if (response.promptBlock().isPresent() || first.isEmpty()) {
            out.set("promptFeedback", promptFeedback(response.promptBlock()
                    .orElse(new PromptBlock("OTHER", Optional.empty()))));
        } else {
            Choice choice = first.get();
            ObjectNode candidate = out.putArray("candidates").addObject();
            ObjectNode content = candidate.putObject("content");
            ArrayNode parts = content.putArray("parts");
            for (Part part : choice.parts()) {
                GeminiAnswerParts.encode(part, context.includeReasoning()).ifPresent(parts::add);
            }
            content.put("role", "model");
            candidate.put("finishReason", GeminiFinishReasons.write(choice.finishReason(), choice.nativeFinishReason()));
            candidate.put("index", 0);
        }
        response.usage().ifPresent(u -> out.set("usageMetadata", GeminiUsage.toJson(u)));
        out.put("modelVersion", response.modelVersion().orElse(context.model()));
        out.put("responseId", context.responseId());
        return out;
    }

    static ObjectNode promptFeedback(PromptBlock block) {
        ObjectNode feedback = Json.MAPPER.createObjectNode();
        feedback.put("blockReason", BLOCK_REASONS.contains(block.reason()) ? block.reason() : "OTHER");
        block.message().ifPresent(m -> feedback.put("blockReasonMessage", m));
        return feedback;
    }
}
