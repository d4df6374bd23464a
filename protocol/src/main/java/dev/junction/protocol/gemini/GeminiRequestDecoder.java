package dev.junction.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.JsonField;
import dev.junction.protocol.model.ChatRequest;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import dev.junction.protocol.model.ReasoningConfig;
import dev.junction.protocol.model.ResponseFormat;
import dev.junction.protocol.model.Sampling;
import dev.junction.protocol.model.ThinkingLevel;
import dev.junction.protocol.model.Tool;
import dev.junction.protocol.model.ToolChoice;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Gemini {@code generateContent} request body as a canonical {@link ChatRequest}, for a
 * Gemini-native client whose model is served by an upstream of another protocol (an
 * OpenAI-compatible vendor, Anthropic). Keys may be camelCase or snake_case, as Google accepts.
 * Contents are read by {@link GeminiContentsDecoder}.
 *
 * <ul>
 *   <li>{@code generationConfig}: sampling, {@code stopSequences}, {@code candidateCount},
 *       {@code seed}, penalties, log probabilities; {@code responseMimeType: application/json}
 *       with {@code responseJsonSchema} (or {@code responseSchema}, its OpenAPI type names
 *       lowered to JSON Schema's) is a JSON schema format; {@code thinkingConfig} is thinking.
 *       A {@code responseModalities} other than text is a 400.
 *   <li>{@code tools[].functionDeclarations} are tools ({@code parametersJsonSchema} as it is,
 *       {@code parameters} with its type names lowered); Google's own tools (search, code
 *       execution, URL context) are a 400, as is {@code cachedContent}: nothing but Gemini has them.
 *   <li>{@code toolConfig.functionCallingConfig}: {@code NONE}, {@code AUTO}/{@code VALIDATED},
 *       {@code ANY} (one allowed name: that function).
 *   <li>{@code safetySettings} are not honoured by other vendors and are ignored.
 * </ul>
 */
public final class GeminiRequestDecoder {
    private GeminiRequestDecoder() {}

    /**
     * @param model the model named in the URL
     * @param stream whether the method streams
     * @throws GatewayException a 400 naming the field at fault
     */
    public static ChatRequest decode(byte[] body, String model, boolean stream) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new GatewayException(GatewayError.of(GatewayError.Kind.INVALID_REQUEST,
                    "The request body is not valid JSON."));
        }
        if (root == null || !root.isObject()) {
            throw new GatewayException(GatewayError.of(GatewayError.Kind.INVALID_REQUEST,
                    "The request body must be a JSON object."));
        }
        JsonField request = JsonField.root(root);
        JsonField cached = GeminiFields.get(request, "cachedContent");
        if (cached.isPresent()) {
            throw cached.invalid("cachedContent refers to a Gemini context cache, which the upstream serving '"
                    + model + "' does not have.");
        }
        JsonField config = GeminiFields.get(request, "generationConfig");
        if (config.isPresent()) {
            config.object();
        }
        List<Tool> tools = tools(GeminiFields.get(request, "tools"));
        return new ChatRequest(model,
                GeminiContentsDecoder.system(GeminiFields.get(request, "systemInstruction")),
                GeminiContentsDecoder.decode(request.field("contents")),
                tools,
                toolChoice(GeminiFields.get(request, "toolConfig"), tools),
                sampling(config),
                reasoning(GeminiFields.get(config, "thinkingConfig")),
                format(config),
                stream,
                stream,
                Optional.empty());
    }

    private static Sampling sampling(JsonField config) {
        List<String> stop = new ArrayList<>();
        JsonField stops = GeminiFields.get(config, "stopSequences");
        if (stops.isPresent()) {
            stops.elements().forEach(s -> stop.add(s.string()));
        }
        JsonField modalities = GeminiFields.get(config, "responseModalities");
        if (modalities.isPresent()) {
            for (JsonField modality : modalities.elements()) {
                if (!modality.string().equalsIgnoreCase("text")) {
                    throw modality.invalid("Invalid value at '" + modality.path() + "': this model answers in text only.");
                }
            }
        }
        boolean logprobs = GeminiFields.get(config, "responseLogprobs").optBool().orElse(false);
        return new Sampling(
                GeminiFields.number(config.field("temperature")),
                GeminiFields.number(GeminiFields.get(config, "topP")),
                GeminiFields.integer(GeminiFields.get(config, "topK"), 1, Integer.MAX_VALUE),
                GeminiFields.integer(GeminiFields.get(config, "maxOutputTokens"), 1, Integer.MAX_VALUE),
                stop,
                GeminiFields.integer(GeminiFields.get(config, "candidateCount"), 1, 8),
                GeminiFields.integer(config.field("seed"), Integer.MIN_VALUE, Integer.MAX_VALUE).map(Integer::longValue),
                GeminiFields.number(GeminiFields.get(config, "presencePenalty")),
                GeminiFields.number(GeminiFields.get(config, "frequencyPenalty")),
                logprobs,
                logprobs ? GeminiFields.integer(config.field("logprobs"), 0, 20) : Optional.empty());
    }

    private static ReasoningConfig reasoning(JsonField thinking) {
        if (thinking.isAbsent()) {
            return ReasoningConfig.none();
        }
        thinking.object();
        Optional<Integer> budget = GeminiFields.integer(GeminiFields.get(thinking, "thinkingBudget"), -1,
                Integer.MAX_VALUE);
        JsonField levelField = GeminiFields.get(thinking, "thinkingLevel");
        Optional<ThinkingLevel> level = levelField.optString()
                .filter(v -> !v.equalsIgnoreCase("THINKING_LEVEL_UNSPECIFIED"))
                .map(v -> ThinkingLevel.parse(v).orElseThrow(() -> levelField.invalid("Invalid value at '"
                        + levelField.path() + "': expected MINIMAL, LOW, MEDIUM or HIGH.")));
        if (budget.isPresent() && level.isPresent()) {
            throw levelField.invalid("thinking_budget and thinking_level are not supported together.");
        }
        boolean include = GeminiFields.get(thinking, "includeThoughts").optBool().orElse(false);
        return new ReasoningConfig(Optional.empty(), budget, level, include);
    }

    private static ResponseFormat format(JsonField config) {
        String mime = GeminiFields.get(config, "responseMimeType").optString().orElse("text/plain");
        JsonField jsonSchema = GeminiFields.get(config, "responseJsonSchema");
        JsonField schema = GeminiFields.get(config, "responseSchema");
        if (!mime.equals("application/json")) {
            if (jsonSchema.isPresent() || schema.isPresent()) {
                throw GeminiFields.get(config, "responseMimeType").invalid("responseMimeType must be"
                        + " application/json when a response schema is given.");
            }
            return new ResponseFormat.Text();
        }
        if (jsonSchema.isPresent()) {
            return new ResponseFormat.JsonSchema("response", jsonSchema.object().deepCopy(), false);
        }
        if (schema.isPresent()) {
            return new ResponseFormat.JsonSchema("response", (ObjectNode) lowerTypes(schema.object()), false);
        }
        return new ResponseFormat.JsonObject();
    }

    private static List<Tool> tools(JsonField tools) {
        List<Tool> out = new ArrayList<>();
        if (tools.isAbsent()) {
            return out;
        }
        for (JsonField tool : tools.elements()) {
            tool.object();
            for (String name : tool.names()) {
                if (!name.equals("functionDeclarations") && !name.equals("function_declarations")) {
                    throw tool.field(name).invalid("Invalid value at '" + tool.field(name).path() + "': " + name
                            + " is a tool of Gemini models only; declare functions instead.");
                }
            }
            JsonField declarations = GeminiFields.get(tool, "functionDeclarations");
            if (declarations.isAbsent()) {
                continue;
            }
            for (JsonField declaration : declarations.elements()) {
                declaration.object();
                JsonField jsonSchema = GeminiFields.get(declaration, "parametersJsonSchema");
                JsonField parameters = declaration.field("parameters");
                Optional<ObjectNode> schema = jsonSchema.isPresent() ? Optional.of(jsonSchema.object().deepCopy())
                        : parameters.isPresent() ? Optional.of((ObjectNode) lowerTypes(parameters.object()))
                        : Optional.empty();
                out.add(new Tool(declaration.field("name").string(), declaration.field("description").optString(),
                        schema, false));
            }
        }
        return out;
    }

    private static Optional<ToolChoice> toolChoice(JsonField toolConfig, List<Tool> tools) {
        if (toolConfig.isAbsent() || tools.isEmpty()) {
            return Optional.empty();
        }
        toolConfig.object();
        JsonField calling = GeminiFields.get(toolConfig, "functionCallingConfig");
        if (calling.isAbsent()) {
            return Optional.empty();
        }
        calling.object();
        JsonField modeField = calling.field("mode");
        String mode = modeField.optString().orElse("AUTO").toUpperCase(Locale.ROOT);
        JsonField allowed = GeminiFields.get(calling, "allowedFunctionNames");
        List<String> names = allowed.isAbsent() ? List.of() : allowed.elements().stream().map(JsonField::string).toList();
        return Optional.of(switch (mode) {
            case "NONE" -> new ToolChoice.None();
            case "AUTO", "VALIDATED", "MODE_UNSPECIFIED" -> new ToolChoice.Auto();
            case "ANY" -> names.size() == 1 ? new ToolChoice.Named(names.get(0)) : new ToolChoice.Required();
            default -> throw modeField.invalid("Invalid value at '" + modeField.path()
                    + "': expected AUTO, ANY, NONE or VALIDATED.");
        });
    }

    /**
     * Gemini's OpenAPI-style schema as JSON Schema: type names lowered ({@code OBJECT} →
     * {@code object}), everywhere in the tree.
     */
    static JsonNode lowerTypes(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = Json.MAPPER.createObjectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                JsonNode value = field.getValue();
                if (field.getKey().equals("type") && value.isTextual()) {
                    out.set("type", TextNode.valueOf(value.textValue().toLowerCase(Locale.ROOT)));
                } else {
                    out.set(field.getKey(), lowerTypes(value));
                }
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = Json.MAPPER.createArrayNode();
            node.forEach(e -> out.add(lowerTypes(e)));
            return out;
        }
        return node;
    }
}
