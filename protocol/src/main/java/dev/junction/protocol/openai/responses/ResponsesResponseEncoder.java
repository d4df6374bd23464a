package dev.junction.protocol.openai.responses;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.ChatResponse;
import dev.junction.protocol.model.Choice;
import dev.junction.protocol.model.FinishReason;
import dev.junction.protocol.model.Part;
import dev.junction.protocol.model.StreamContext;
import dev.junction.protocol.model.Usage;
import java.util.Optional;

/**
 * A canonical answer as a Responses API {@code response} object ({@link ResponsesEnvelope}).
 * The first choice's parts become {@code output} items in their order: adjacent text parts one
 * {@code message} with one {@code output_text}; thoughts (only when the caller asked for a
 * reasoning summary) a {@code reasoning} item with one {@code summary_text}, and with the vendor's
 * seal in {@code encrypted_content} when the caller included it; each tool call a
 * {@code function_call} whose {@code call_id} is the call's id. Media in an answer, which this
 * API has no output part for, is written as a markdown link in the text. {@code status} is
 * {@code completed}, or {@code incomplete} with {@code incomplete_details.reason}
 * ({@code max_output_tokens}, {@code content_filter}); a prompt the vendor refused is an
 * incomplete response without output.
 */
public final class ResponsesResponseEncoder {
    private ResponsesResponseEncoder() {}

    public static byte[] encode(ChatResponse response, StreamContext context, ResponsesRequest request) {
        try {
            return Json.MAPPER.writeValueAsBytes(toJson(response, context, request));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode toJson(ChatResponse response, StreamContext context, ResponsesRequest request) {
        ArrayNode output = Json.MAPPER.createArrayNode();
        Optional<Choice> first = response.choices().stream().filter(c -> c.index() == 0).findFirst()
                .or(() -> response.choices().stream().findFirst());
        boolean blocked = response.promptBlock().isPresent() || first.isEmpty();
        FinishReason reason = first.map(Choice::finishReason).orElse(FinishReason.STOP);
        if (!blocked) {
            items(first.get(), context, request.encryptedReasoning(), output);
        }
        ResponsesOutcome outcome = ResponsesOutcome.of(reason, blocked);
        return ResponsesEnvelope.response(context, request.echo(), outcome.status(), outcome.incompleteReason(),
                Optional.empty(), output, Optional.of(response.usage().orElse(Usage.ZERO)));
    }

    private static void items(Choice choice, StreamContext context, boolean encrypted, ArrayNode output) {
        StringBuilder text = null;
        for (Part part : choice.parts()) {
            String append = switch (part) {
                case Part.Text t -> t.text();
                case Part.Blob b -> "![media](data:" + b.mimeType() + ";base64," + b.base64() + ")";
                case Part.FileRef f -> "[" + f.uri() + "](" + f.uri() + ")";
                default -> null;
            };
            if (append != null) {
                text = text == null ? new StringBuilder(append) : text.append(append);
                continue;
            }
            if (text != null) {
                addMessage(output, context, text.toString());
                text = null;
            }
            switch (part) {
                case Part.Reasoning r -> {
                    if (context.includeReasoning() && (!r.text().isEmpty() || (encrypted && r.signature().isPresent()))) {
                        ObjectNode item = ResponsesItems.reasoning(ResponsesItems.id("rs", context.responseId(),
                                output.size()), encrypted ? r.signature() : Optional.empty());
                        if (!r.text().isEmpty()) {
                            item.withArray("summary").add(ResponsesItems.summaryText(r.text()));
                        }
                        output.add(item);
                    }
                }
                case Part.ToolCall call -> output.add(ResponsesItems.functionCall(
                        ResponsesItems.id("fc", context.responseId(), output.size()), "completed", call,
                        call.argumentsJson()));
                default -> {
                    // encrypted thinking of another vendor and tool results never appear in this API's output
                }
            }
        }
        if (text != null) {
            addMessage(output, context, text.toString());
        }
    }

    private static void addMessage(ArrayNode output, StreamContext context, String text) {
        if (text.isEmpty()) {
            return;
        }
        ObjectNode item = ResponsesItems.message(ResponsesItems.id("msg", context.responseId(), output.size()),
                "completed");
        item.withArray("content").add(ResponsesItems.outputText(text));
        output.add(item);
    }
}
