package dev.junction.protocol.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.JsonField;
import dev.junction.protocol.model.ChatRequest;
import dev.junction.protocol.model.GatewayException;
import dev.junction.protocol.model.Message;
import dev.junction.protocol.model.Part;
import dev.junction.protocol.model.ReasoningConfig;
import dev.junction.protocol.model.ReasoningEffort;
import dev.junction.protocol.model.ResponseFormat;
import dev.junction.protocol.model.Role;
import dev.junction.protocol.model.Sampling;
import dev.junction.protocol.model.Tool;
import dev.junction.protocol.model.ToolChoice;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An Anthropic Messages API request ({@code POST /v1/messages}, or
 * {@code /v1/messages/count_tokens}) as a canonical {@link ChatRequest}. Every field is checked;
 * a malformed one is a 400 naming it ({@code messages[1].content[0].source.data}), and a field
 * the Messages API does not have is a 400 as Anthropic answers it. What Junction cannot relay
 * (Anthropic's server tools, files by id, MCP servers) is a 400 too, never dropped.
 *
 * <ul>
 *   <li>{@code system} (a string or text blocks) is the system instruction; {@code user} and
 *       {@code assistant} turns keep their order, a {@code user} turn's {@code tool_result}
 *       blocks become tool results (the function name taken from the {@code tool_use} that
 *       asked, in an earlier turn) and its other blocks a user message.
 *   <li>Images and documents: {@code base64} sources are inline media, {@code url} sources media
 *       by reference, plain-text documents inline {@code text/plain}.
 *   <li>{@code thinking} {@code enabled} is a budget with thoughts shown, {@code adaptive} shows
 *       the model's own thinking, {@code disabled} asks for none.
 *   <li>{@code cache_control}, {@code metadata}, {@code service_tier} and
 *       {@code disable_parallel_tool_use} are type-checked and have no effect elsewhere.
 * </ul>
 */
public final class AnthropicRequestDecoder {
    private static final Set<String> FIELDS = Set.of("model", "max_tokens", "messages", "system", "metadata",
            "stop_sequences", "stream", "temperature", "top_p", "top_k", "tools", "tool_choice", "thinking",
            "service_tier");
    private static final Set<String> COUNT_FIELDS = Set.of("model", "messages", "system", "tools", "tool_choice",
            "thinking");

    private final Map<String, String> toolNames = new HashMap<>();

    private AnthropicRequestDecoder() {}

    /** A {@code POST /v1/messages} body. */
    public static ChatRequest decode(byte[] body) {
        return new AnthropicRequestDecoder().read(parse(body), false);
    }

    /** A {@code POST /v1/messages/count_tokens} body (no {@code max_tokens}, nothing about generation). */
    public static ChatRequest decodeCount(byte[] body) {
        return new AnthropicRequestDecoder().read(parse(body), true);
    }

    private static JsonField parse(byte[] body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw GatewayException.invalid("", "The request body is not valid JSON: " + Json.brief(
                    String.valueOf(e.getOriginalMessage())));
        } catch (IOException e) {
            throw GatewayException.invalid("", "The request body could not be read.");
        }
        if (root == null || !root.isObject()) {
            throw GatewayException.invalid("", "The request body must be a JSON object.");
        }
        return JsonField.root(root);
    }

    private ChatRequest read(JsonField root, boolean count) {
        Set<String> allowed = count ? COUNT_FIELDS : FIELDS;
        for (String name : root.names()) {
            if (!allowed.contains(name)) {
                throw root.field(name).invalid(name + ": Extra inputs are not permitted");
            }
        }
        String model = root.field("model").string();
        if (model.isBlank()) {
            throw root.field("model").invalid("model: must not be empty");
        }
        Optional<Integer> maxTokens = count ? Optional.empty() : Optional.of(required(root.field("max_tokens"))
                .optInt(1, Integer.MAX_VALUE).orElseThrow());
        List<Part> system = system(root.field("system"));
        List<Message> messages = messages(root.field("messages"));
        List<Tool> tools = tools(root.field("tools"));
        Optional<ToolChoice> toolChoice = toolChoice(root.field("tool_choice"));
        ReasoningConfig reasoning = thinking(root.field("thinking"), maxTokens);
        if (!count) {
            if (root.field("metadata").isPresent()) {
                root.field("metadata").object();
                root.field("metadata").field("user_id").optString();
            }
            root.field("service_tier").optString();
        }
        Sampling sampling = new Sampling(
                root.field("temperature").optDecimal(0, 1),
                root.field("top_p").optDecimal(0, 1),
                root.field("top_k").optInt(0, Integer.MAX_VALUE),
                maxTokens,
                stops(root.field("stop_sequences")),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false, Optional.empty());
        boolean stream = root.field("stream").optBool().orElse(false);
        return new ChatRequest(model, system, messages, tools, toolChoice, sampling, reasoning,
                new ResponseFormat.Text(), stream, true, Optional.empty());
    }

    private static List<Part> system(JsonField field) {
        if (field.isAbsent()) {
            return List.of();
        }
        if (field.node().isTextual()) {
            return field.string().isEmpty() ? List.of() : List.of(Part.Text.of(field.string()));
        }
        List<Part> parts = new ArrayList<>();
        for (JsonField block : field.elements()) {
            String type = block.field("type").string();
            if (!type.equals("text")) {
                throw block.field("type").invalid(block.field("type").path() + ": system blocks must be text, not "
                        + Json.brief(type));
            }
            cacheControl(block);
            parts.add(Part.Text.of(block.field("text").string()));
        }
        return parts;
    }

    private List<Message> messages(JsonField field) {
        List<JsonField> turns = required(field).elements();
        if (turns.isEmpty()) {
            throw field.invalid("messages: at least one message is required");
        }
        List<Message> out = new ArrayList<>();
        for (JsonField turn : turns) {
            for (String name : turn.names()) {
                if (!name.equals("role") && !name.equals("content")) {
                    throw turn.field(name).invalid(turn.field(name).path() + ": Extra inputs are not permitted");
                }
            }
            String role = turn.field("role").string();
            JsonField content = required(turn.field("content"));
            switch (role) {
                case "user" -> user(content, out);
                case "assistant" -> out.add(new Message(Role.ASSISTANT, assistant(content)));
                default -> throw turn.field("role").invalid(turn.field("role").path()
                        + ": Input should be 'user' or 'assistant'");
            }
        }
        return out;
    }

    private void user(JsonField content, List<Message> out) {
        if (content.node().isTextual()) {
            out.add(new Message(Role.USER, List.of(Part.Text.of(content.string()))));
            return;
        }
        List<Part> pending = new ArrayList<>();
        for (JsonField block : content.elements()) {
            String type = block.field("type").string();
            cacheControl(block);
            switch (type) {
                case "text" -> pending.add(text(block));
                case "image" -> pending.add(image(block));
                case "document" -> pending.add(document(block));
                case "tool_result" -> {
                    if (!pending.isEmpty()) {
                        out.add(new Message(Role.USER, pending));
                        pending = new ArrayList<>();
                    }
                    out.add(new Message(Role.TOOL, List.of(toolResult(block))));
                }
                default -> throw unsupportedBlock(block, type, "a user");
            }
        }
        if (!pending.isEmpty()) {
            out.add(new Message(Role.USER, pending));
        }
    }

    private List<Part> assistant(JsonField content) {
        if (content.node().isTextual()) {
            return List.of(Part.Text.of(content.string()));
        }
        List<Part> parts = new ArrayList<>();
        for (JsonField block : content.elements()) {
            String type = block.field("type").string();
            cacheControl(block);
            switch (type) {
                case "text" -> parts.add(text(block));
                case "thinking" -> parts.add(new Part.Reasoning(block.field("thinking").string(),
                        Optional.of(block.field("signature").string())));
                case "redacted_thinking" -> parts.add(new Part.RedactedReasoning(block.field("data").string()));
                case "tool_use" -> {
                    String id = block.field("id").string();
                    String name = block.field("name").string();
                    JsonField input = block.field("input");
                    String arguments = input.isAbsent() ? "{}" : input.object().toString();
                    toolNames.put(id, name);
                    parts.add(new Part.ToolCall(id, name, arguments, Optional.empty()));
                }
                default -> throw unsupportedBlock(block, type, "an assistant");
            }
        }
        return parts;
    }

    private static Part text(JsonField block) {
        block.field("citations");
        return Part.Text.of(block.field("text").string());
    }

    private static Part image(JsonField block) {
        JsonField source = required(block.field("source"));
        String type = source.field("type").string();
        return switch (type) {
            case "base64" -> {
                String mime = source.field("media_type").string();
                if (!AnthropicMedia.isImage(mime)) {
                    throw source.field("media_type").invalid(source.field("media_type").path()
                            + ": Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'");
                }
                yield new Part.Blob(AnthropicMedia.normalize(mime), base64(source.field("data")));
            }
            case "url" -> new Part.FileRef(Optional.empty(), url(source.field("url")),
                    Optional.of(source.field("url").path()));
            default -> throw source.field("type").invalid(source.field("type").path()
                    + ": image sources here are 'base64' or 'url', not " + Json.brief(type));
        };
    }

    private static Part document(JsonField block) {
        JsonField source = required(block.field("source"));
        block.field("title").optString();
        block.field("context").optString();
        String type = source.field("type").string();
        return switch (type) {
            case "base64" -> {
                String mime = AnthropicMedia.normalize(source.field("media_type").string());
                if (!mime.equals(AnthropicMedia.PDF)) {
                    throw source.field("media_type").invalid(source.field("media_type").path()
                            + ": base64 documents must be 'application/pdf'");
                }
                yield new Part.Blob(mime, base64(source.field("data")));
            }
            case "text" -> new Part.Blob(AnthropicMedia.PLAIN_TEXT, Base64.getEncoder().encodeToString(
                    source.field("data").string().getBytes(StandardCharsets.UTF_8)));
            case "url" -> new Part.FileRef(Optional.of(AnthropicMedia.PDF), url(source.field("url")),
                    Optional.of(source.field("url").path()));
            default -> throw source.field("type").invalid(source.field("type").path()
                    + ": document sources here are 'base64', 'text' or 'url', not " + Json.brief(type));
        };
    }

    private Part toolResult(JsonField block) {
        JsonField id = block.field("tool_use_id");
        String name = toolNames.get(id.string());
        if (name == null) {
            throw id.invalid(id.path() + ": no earlier assistant message has a tool_use block with id '"
                    + Json.brief(id.string()) + "'");
        }
        boolean isError = block.field("is_error").optBool().orElse(false);
        JsonField content = block.field("content");
        String text;
        if (content.isAbsent()) {
            text = "";
        } else if (content.node().isTextual()) {
            text = content.string();
        } else {
            StringBuilder joined = new StringBuilder();
            for (JsonField part : content.elements()) {
                String type = part.field("type").string();
                if (!type.equals("text")) {
                    throw part.field("type").invalid(part.field("type").path()
                            + ": tool results relayed by Junction hold text blocks only, not " + Json.brief(type));
                }
                cacheControl(part);
                joined.append(part.field("text").string());
            }
            text = joined.toString();
        }
        return new Part.ToolResult(id.string(), name, resultJson(text), isError);
    }

    /** A result that is JSON stays that JSON; anything else travels as a JSON string. */
    private static String resultJson(String text) {
        try {
            JsonNode parsed = Json.MAPPER.readTree(text);
            if (parsed != null && !parsed.isMissingNode()) {
                return parsed.toString();
            }
        } catch (JsonProcessingException | RuntimeException e) {
            // plain text
        }
        return Json.MAPPER.getNodeFactory().textNode(text).toString();
    }

    private static List<Tool> tools(JsonField field) {
        if (field.isAbsent()) {
            return List.of();
        }
        List<Tool> tools = new ArrayList<>();
        for (JsonField tool : field.elements()) {
            Optional<String> type = tool.field("type").optString();
            if (type.isPresent() && !type.get().equals("custom")) {
                throw tool.field("type").invalid(tool.field("type").path() + ": Anthropic's server tools ("
                        + Json.brief(type.get()) + ") are not available through Junction; declare your own tools");
            }
            cacheControl(tool);
            String name = tool.field("name").string();
            if (name.isEmpty()) {
                throw tool.field("name").invalid(tool.field("name").path() + ": must not be empty");
            }
            Optional<String> description = tool.field("description").optString();
            JsonField schema = required(tool.field("input_schema"));
            boolean strict = tool.field("strict").optBool().orElse(false);
            tools.add(new Tool(name, description, Optional.of(schema.object()), strict));
        }
        return tools;
    }

    private static Optional<ToolChoice> toolChoice(JsonField field) {
        if (field.isAbsent()) {
            return Optional.empty();
        }
        field.object();
        field.field("disable_parallel_tool_use").optBool();
        String type = field.field("type").string();
        return Optional.of(switch (type) {
            case "auto" -> new ToolChoice.Auto();
            case "any" -> new ToolChoice.Required();
            case "none" -> new ToolChoice.None();
            case "tool" -> new ToolChoice.Named(field.field("name").string());
            default -> throw field.field("type").invalid(field.field("type").path()
                    + ": Input should be 'auto', 'any', 'tool' or 'none'");
        });
    }

    private static ReasoningConfig thinking(JsonField field, Optional<Integer> maxTokens) {
        if (field.isAbsent()) {
            return ReasoningConfig.none();
        }
        field.object();
        String type = field.field("type").string();
        return switch (type) {
            case "enabled" -> {
                JsonField budgetField = required(field.field("budget_tokens"));
                int budget = budgetField.optInt(AnthropicThinking.MIN_BUDGET, Integer.MAX_VALUE).orElseThrow();
                if (maxTokens.isPresent() && budget >= maxTokens.get()) {
                    throw budgetField.invalid("`max_tokens` must be greater than `thinking.budget_tokens`");
                }
                yield new ReasoningConfig(Optional.empty(), Optional.of(budget), Optional.empty(), true);
            }
            case "adaptive" -> new ReasoningConfig(Optional.empty(), Optional.empty(), Optional.empty(), true);
            case "disabled" -> new ReasoningConfig(Optional.of(ReasoningEffort.NONE), Optional.empty(),
                    Optional.empty(), false);
            default -> throw field.field("type").invalid(field.field("type").path()
                    + ": Input should be 'enabled', 'adaptive' or 'disabled'");
        };
    }

    private static List<String> stops(JsonField field) {
        if (field.isAbsent()) {
            return List.of();
        }
        List<String> stops = new ArrayList<>();
        for (JsonField stop : field.elements()) {
            stops.add(stop.string());
        }
        return stops;
    }

    private static void cacheControl(JsonField block) {
        JsonField control = block.field("cache_control");
        if (control.isPresent()) {
            control.object();
            control.field("type").string();
        }
    }

    private static String base64(JsonField data) {
        String value = data.string();
        if (value.isEmpty()) {
            throw data.invalid(data.path() + ": must not be empty");
        }
        try {
            // the first characters tell a data URL or a file path from base64 without decoding it all
            Base64.getDecoder().decode(value.substring(0, Math.min(value.length(), 64) / 4 * 4));
        } catch (IllegalArgumentException e) {
            throw data.invalid(data.path() + ": is not valid base64");
        }
        return value;
    }

    private static String url(JsonField field) {
        String value = field.string();
        if (!value.startsWith("https://") && !value.startsWith("http://")) {
            throw field.invalid(field.path() + ": must be an http or https URL");
        }
        return value;
    }

    private static GatewayException unsupportedBlock(JsonField block, String type, String role) {
        return block.field("type").invalid(block.field("type").path() + ": " + Json.brief(type)
                + " blocks are not accepted in " + role + " message here");
    }

    private static JsonField required(JsonField field) {
        if (field.isAbsent()) {
            throw field.invalid(field.path() + ": Field required");
        }
        return field;
    }
}
