package dev.junction.protocol.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.ChatRequest;
import dev.junction.protocol.model.GatewayException;
import dev.junction.protocol.model.Message;
import dev.junction.protocol.model.Part;
import dev.junction.protocol.model.ResponseFormat;
import dev.junction.protocol.model.Role;
import dev.junction.protocol.model.Sampling;
import dev.junction.protocol.model.Tool;
import dev.junction.protocol.model.ToolChoice;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A canonical {@link ChatRequest} as an Anthropic Messages API request body
 * ({@code POST /v1/messages}).
 *
 * <ul>
 *   <li>System parts become {@code system} text blocks; tool results become {@code tool_result}
 *       blocks of a {@code user} turn (with {@code is_error} when the caller marked one), and
 *       consecutive turns of one role are merged, since tool results must come first in the
 *       turn that answers the calls.
 *   <li>Images go as {@code image} blocks, PDFs and plain text as {@code document} blocks, inline
 *       ({@code base64}, or {@code text} for plain text) or by http(s) URL ({@code url}), which
 *       Claude fetches itself; other media and other URIs are a 400.
 *   <li>{@code max_tokens}, which Anthropic requires, is {@value #DEFAULT_MAX_TOKENS} when the
 *       caller gave none (the output limit every Claude model accepts); thinking is derived by
 *       {@link AnthropicThinking}, and left out when the conversation ends in tool results
 *       answering an assistant turn that carried no signed thinking (Claude requires that turn's
 *       thinking back when it thinks).
 *   <li>{@code temperature} is capped to Anthropic's range, 0 to 1.
 *   <li>What Anthropic cannot honour is a 400 naming the field: more than one candidate,
 *       log probabilities, a JSON response format.
 * </ul>
 */
public final class AnthropicRequestEncoder {
    /** {@code max_tokens} when the caller gave none: Claude 3 Haiku's output limit, the lowest of all Claude models. */
    public static final int DEFAULT_MAX_TOKENS = 4096;

    private AnthropicRequestEncoder() {}

    /** The body of {@code POST /v1/messages} for {@code model} (the vendor's id). */
    public static byte[] encode(ChatRequest request, String model) {
        return write(body(request, model, true));
    }

    /**
     * The body of {@code POST /v1/messages/count_tokens}: the same prompt, without the fields
     * that endpoint does not take (output limit, sampling, stop sequences, stream).
     */
    public static byte[] encodeCount(ChatRequest request, String model) {
        return write(body(request, model, false));
    }

    private static ObjectNode body(ChatRequest request, String model, boolean generate) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("model", model);
        Sampling sampling = request.sampling();
        OptionalInt budget = thinkingAllowed(request.messages()) ? AnthropicThinking.budget(request.reasoning())
                : OptionalInt.empty();
        if (generate) {
            rejectUnsupported(request);
            int maxTokens = sampling.maxOutputTokens()
                    .orElse(DEFAULT_MAX_TOKENS + (budget.isPresent() ? budget.getAsInt() : 0));
            out.put("max_tokens", maxTokens);
        }
        ArrayNode system = system(request.system());
        if (!system.isEmpty()) {
            out.set("system", system);
        }
        out.set("messages", messages(request.messages()));
        if (!request.tools().isEmpty()) {
            ArrayNode tools = out.putArray("tools");
            request.tools().forEach(t -> tools.add(tool(t)));
        }
        if (!request.tools().isEmpty()) {
            request.toolChoice().ifPresent(choice -> out.set("tool_choice", toolChoice(choice)));
        }
        if (budget.isPresent()) {
            int fitted = generate ? AnthropicThinking.fit(budget.getAsInt(), sampling.maxOutputTokens())
                    : budget.getAsInt();
            out.putObject("thinking").put("type", "enabled").put("budget_tokens", fitted);
        }
        if (generate) {
            if (!sampling.stop().isEmpty()) {
                ArrayNode stops = out.putArray("stop_sequences");
                sampling.stop().forEach(stops::add);
            }
            sampling.temperature().ifPresent(t -> out.put("temperature", Math.max(0.0, Math.min(1.0, t))));
            sampling.topP().ifPresent(p -> out.put("top_p", p));
            sampling.topK().ifPresent(k -> out.put("top_k", k));
            if (request.stream()) {
                out.put("stream", true);
            }
        }
        return out;
    }

    private static void rejectUnsupported(ChatRequest request) {
        Sampling sampling = request.sampling();
        if (sampling.candidateCount().filter(n -> n > 1).isPresent()) {
            throw GatewayException.invalid("n", "Anthropic models return one answer per request; n must be 1.");
        }
        if (sampling.logprobs() || sampling.topLogprobs().isPresent()) {
            throw GatewayException.invalid("logprobs", "Anthropic models do not return log probabilities.");
        }
        if (!(request.responseFormat() instanceof ResponseFormat.Text)) {
            throw GatewayException.invalid("response_format",
                    "A JSON response format is not supported on an Anthropic upstream; ask for JSON in the prompt.");
        }
    }

    /**
     * Claude thinks only when the turn under way can carry its thinking: a conversation that
     * ends in tool results answers an assistant turn, which must then hold its signed thinking.
     */
    private static boolean thinkingAllowed(List<Message> messages) {
        if (messages.isEmpty() || messages.get(messages.size() - 1).role() != Role.TOOL) {
            return true;
        }
        for (int i = messages.size() - 1; i >= 0; i--) {
            Message message = messages.get(i);
            if (message.role() == Role.ASSISTANT) {
                return message.parts().stream().anyMatch(p -> p instanceof Part.RedactedReasoning
                        || p instanceof Part.Reasoning r && r.signature().filter(s -> !s.isEmpty()).isPresent());
            }
        }
        return true;
    }

    private static ArrayNode system(List<Part> parts) {
        ArrayNode system = Json.MAPPER.createArrayNode();
        for (int i = 0; i < parts.size(); i++) {
            if (!(parts.get(i) instanceof Part.Text text)) {
                throw GatewayException.invalid("system", "System instructions for an Anthropic model must be text.");
            }
            if (!text.text().isEmpty()) {
                system.addObject().put("type", "text").put("text", text.text());
            }
        }
        return system;
    }

    private static ArrayNode messages(List<Message> messages) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        String lastRole = null;
        ArrayNode content = null;
        for (int m = 0; m < messages.size(); m++) {
            Message message = messages.get(m);
            String role = message.role() == Role.ASSISTANT ? "assistant" : "user";
            List<ObjectNode> blocks = new ArrayList<>();
            for (Part part : message.parts()) {
                block(part, m).ifPresent(blocks::add);
            }
            if (blocks.isEmpty()) {
                continue;
            }
            if (!role.equals(lastRole)) {
                ObjectNode turn = out.addObject();
                turn.put("role", role);
                content = turn.putArray("content");
                lastRole = role;
            }
            if (message.role() == Role.TOOL) {
                insertResults(content, blocks);
            } else {
                blocks.forEach(content::add);
            }
        }
        return out;
    }

    /** Tool results go before any other block of their turn, in the order they came. */
    private static void insertResults(ArrayNode content, List<ObjectNode> results) {
        int at = 0;
        while (at < content.size() && "tool_result".equals(content.get(at).path("type").asText())) {
            at++;
        }
        for (ObjectNode result : results) {
            content.insert(at++, result);
        }
    }

    private static Optional<ObjectNode> block(Part part, int message) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        switch (part) {
            case Part.Text text -> {
                if (text.text().isEmpty()) {
                    return Optional.empty(); // Anthropic rejects empty text blocks
                }
                out.put("type", "text").put("text", text.text());
            }
            case Part.Reasoning reasoning -> {
                Optional<String> signature = reasoning.signature().filter(s -> !s.isEmpty());
                if (signature.isEmpty()) {
                    return Optional.empty(); // unsigned thoughts cannot go back to Claude
                }
                out.put("type", "thinking").put("thinking", reasoning.text()).put("signature", signature.get());
            }
            case Part.RedactedReasoning redacted -> out.put("type", "redacted_thinking").put("data", redacted.data());
            case Part.Blob blob -> inline(out, blob, message);
            case Part.FileRef file -> byUrl(out, file, message);
            case Part.ToolCall call -> {
                out.put("type", "tool_use").put("id", call.id()).put("name", call.name());
                out.set("input", arguments(call.argumentsJson()));
            }
            case Part.ToolResult result -> {
                out.put("type", "tool_result").put("tool_use_id", result.callId());
                out.put("content", resultText(result.resultJson()));
                if (result.isError()) {
                    out.put("is_error", true);
                }
            }
        }
        return Optional.of(out);
    }

    private static void inline(ObjectNode out, Part.Blob blob, int message) {
        String type = AnthropicMedia.normalize(blob.mimeType());
        if (AnthropicMedia.isImage(type)) {
            out.put("type", "image").putObject("source").put("type", "base64").put("media_type", type)
                    .put("data", blob.base64());
        } else if (type.equals(AnthropicMedia.PDF)) {
            out.put("type", "document").putObject("source").put("type", "base64").put("media_type", type)
                    .put("data", blob.base64());
        } else if (type.equals(AnthropicMedia.PLAIN_TEXT)) {
            String text;
            try {
                text = new String(Base64.getDecoder().decode(blob.base64()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw GatewayException.invalid("messages[" + message + "].content", "The text file is not valid base64.");
            }
            out.put("type", "document").putObject("source").put("type", "text").put("media_type", type)
                    .put("data", text);
        } else {
            throw GatewayException.invalid("messages[" + message + "].content", "Anthropic models read images (JPEG, "
                    + "PNG, GIF, WebP), PDF and plain-text documents, not " + Json.brief(blob.mimeType()) + ".");
        }
    }

    private static void byUrl(ObjectNode out, Part.FileRef file, int message) {
        String param = file.source().orElse("messages[" + message + "].content");
        String uri = file.uri();
        if (!uri.startsWith("https://") && !uri.startsWith("http://")) {
            throw GatewayException.invalid(param, "Anthropic models read media by http(s) URL or inline, not "
                    + Json.brief(uri) + ".");
        }
        Optional<String> type = file.mimeType().map(AnthropicMedia::normalize);
        if (type.filter(AnthropicMedia.PDF::equals).isPresent()) {
            out.put("type", "document");
        } else if (type.isEmpty() || AnthropicMedia.isImage(type.get())) {
            out.put("type", "image");
        } else {
            throw GatewayException.invalid(param, "Anthropic models read images and PDF documents by URL, not "
                    + Json.brief(type.get()) + ".");
        }
        out.putObject("source").put("type", "url").put("url", uri);
    }

    private static ObjectNode tool(Tool tool) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("name", tool.name());
        tool.description().ifPresent(d -> out.put("description", d));
        ObjectNode schema = tool.parameters().map(ObjectNode::deepCopy).orElseGet(Json.MAPPER::createObjectNode);
        if (!schema.has("type")) {
            schema.put("type", "object"); // Anthropic requires an object schema
        }
        out.set("input_schema", schema);
        return out;
    }

    private static ObjectNode toolChoice(ToolChoice choice) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        switch (choice) {
            case ToolChoice.Auto a -> out.put("type", "auto");
            case ToolChoice.None n -> out.put("type", "none");
            case ToolChoice.Required r -> out.put("type", "any");
            case ToolChoice.Named named -> out.put("type", "tool").put("name", named.name());
        }
        return out;
    }

    /** The call's arguments as an object; anything else (or nothing) is an empty input. */
    private static JsonNode arguments(String json) {
        return parse(json).filter(JsonNode::isObject).orElseGet(Json.MAPPER::createObjectNode);
    }

    /** A result that is a JSON string is sent as its text; any other JSON as the JSON text. */
    private static String resultText(String resultJson) {
        return parse(resultJson).filter(JsonNode::isTextual).map(JsonNode::textValue).orElse(resultJson);
    }

    private static Optional<JsonNode> parse(String json) {
        try {
            return Optional.ofNullable(Json.MAPPER.readTree(json)).filter(n -> !n.isMissingNode());
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static byte[] write(ObjectNode body) {
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
