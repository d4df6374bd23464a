package dev.junction.protocol.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.ChatRequest;
import dev.junction.protocol.model.ReasoningConfig;
import dev.junction.protocol.model.ResponseFormat;
import dev.junction.protocol.model.Sampling;
import dev.junction.protocol.model.ThinkingLevel;
import dev.junction.protocol.model.Tool;
import dev.junction.protocol.model.ToolChoice;
import java.util.Optional;

/**
 * A canonical {@link ChatRequest} as an OpenAI Chat Completions request body
 * ({@code POST {base}/chat/completions}), for any OpenAI-compatible vendor. Messages are written
 * by {@link OpenAiMessagesEncoder}.
 *
 * <ul>
 *   <li>{@code model} is the vendor's id; sampling goes under OpenAI's names, the output limit as
 *       {@code max_tokens}, the one every compatible server reads (DeepSeek, vLLM, Ollama and
 *       OpenAI's non-reasoning models); {@code n} only when above 1.
 *   <li>{@code top_k} is not an OpenAI parameter (OpenAI rejects it), so a caller's top-k is not
 *       sent.
 *   <li>Thinking becomes {@code reasoning_effort}: an effort as it is, a Gemini thinking level by
 *       the same name, a token budget by size (0 {@code none}, up to 1024 {@code low}, up to 8192
 *       {@code medium}, above {@code high}; Gemini's dynamic -1 leaves the model's default).
 *   <li>Streams always ask for usage ({@code stream_options.include_usage}), so that Junction can
 *       meter them; the caller's encoder decides whether its client sees it.
 *   <li>Vendor options of other vendors (Google's cached content, safety settings) are not sent.
 * </ul>
 */
public final class OpenAiRequestEncoder {
    private OpenAiRequestEncoder() {}

    /** The body for {@code model} (the vendor's id). */
    public static byte[] encode(ChatRequest request, String model) {
        try {
            return Json.MAPPER.writeValueAsBytes(toJson(request, model));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode toJson(ChatRequest request, String model) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("model", model);
        out.set("messages", OpenAiMessagesEncoder.encode(request.system(), request.messages()));
        if (!request.tools().isEmpty()) {
            ArrayNode tools = out.putArray("tools");
            request.tools().forEach(t -> tools.add(tool(t)));
            request.toolChoice().ifPresent(choice -> out.set("tool_choice", toolChoice(choice)));
        }
        sampling(request.sampling(), out);
        effort(request.reasoning()).ifPresent(e -> out.put("reasoning_effort", e));
        switch (request.responseFormat()) {
            case ResponseFormat.Text t -> { }
            case ResponseFormat.JsonObject j -> out.putObject("response_format").put("type", "json_object");
            case ResponseFormat.JsonSchema s -> {
                ObjectNode format = out.putObject("response_format").put("type", "json_schema");
                ObjectNode schema = format.putObject("json_schema").put("name", s.name());
                schema.set("schema", s.schema().deepCopy());
                if (s.strict()) {
                    schema.put("strict", true);
                }
            }
        }
        if (request.stream()) {
            out.put("stream", true);
            out.putObject("stream_options").put("include_usage", true);
        }
        return out;
    }

    private static void sampling(Sampling sampling, ObjectNode out) {
        sampling.temperature().ifPresent(t -> out.put("temperature", t));
        sampling.topP().ifPresent(p -> out.put("top_p", p));
        sampling.maxOutputTokens().ifPresent(m -> out.put("max_tokens", m));
        if (!sampling.stop().isEmpty()) {
            ArrayNode stop = out.putArray("stop");
            sampling.stop().forEach(stop::add);
        }
        sampling.candidateCount().filter(n -> n > 1).ifPresent(n -> out.put("n", n));
        sampling.seed().ifPresent(s -> out.put("seed", s));
        sampling.presencePenalty().ifPresent(p -> out.put("presence_penalty", p));
        sampling.frequencyPenalty().ifPresent(p -> out.put("frequency_penalty", p));
        if (sampling.logprobs()) {
            out.put("logprobs", true);
            sampling.topLogprobs().ifPresent(n -> out.put("top_logprobs", n));
        }
    }

    static Optional<String> effort(ReasoningConfig reasoning) {
        if (reasoning.effort().isPresent()) {
            return Optional.of(reasoning.effort().get().wire());
        }
        if (reasoning.level().isPresent()) {
            return Optional.of(reasoning.level().map(ThinkingLevel::wire).get());
        }
        return reasoning.budget().filter(b -> b >= 0).map(b -> b == 0 ? "none" : b <= 1024 ? "low"
                : b <= 8192 ? "medium" : "high");
    }

    private static ObjectNode tool(Tool tool) {
        ObjectNode out = Json.MAPPER.createObjectNode().put("type", "function");
        ObjectNode function = out.putObject("function").put("name", tool.name());
        tool.description().ifPresent(d -> function.put("description", d));
        tool.parameters().ifPresent(p -> function.set("parameters", p.deepCopy()));
        if (tool.strict()) {
            function.put("strict", true);
        }
        return out;
    }

    private static com.fasterxml.jackson.databind.JsonNode toolChoice(ToolChoice choice) {
        return switch (choice) {
            case ToolChoice.Auto a -> Json.MAPPER.getNodeFactory().textNode("auto");
            case ToolChoice.None n -> Json.MAPPER.getNodeFactory().textNode("none");
            case ToolChoice.Required r -> Json.MAPPER.getNodeFactory().textNode("required");
            case ToolChoice.Named named -> {
                ObjectNode out = Json.MAPPER.createObjectNode().put("type", "function");
                out.putObject("function").put("name", named.name());
                yield out;
            }
        };
    }
}
