package dev.junction.protocol.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.JsonField;
import dev.junction.protocol.model.ChatRequest;
import dev.junction.protocol.model.GatewayException;
import dev.junction.protocol.model.Message;
import dev.junction.protocol.model.Part;
import dev.junction.protocol.model.Tool;
import dev.junction.protocol.model.ToolChoice;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A Gemini {@code generateContent} / {@code streamGenerateContent} body (or a
 * {@code countTokens} body) as a canonical {@link ChatRequest}, for a model whose upstream does
 * not speak the Gemini API. Field names are read in camelCase and snake_case alike, as Google
 * reads them ({@link GeminiFields}); every field is checked, and a malformed one, or one that
 * Google's API does not have, is a 400 naming it in Google's words. What only Gemini can do
 * (Google Search and the other built-in tools, context caches, speech and image output, code
 * execution) is a 400 too, never dropped.
 *
 * <ul>
 *   <li>{@code contents} and {@code systemInstruction}: {@link GeminiContentsDecoder}.
 *   <li>{@code generationConfig}: {@link GeminiGenerationConfigDecoder}.
 *   <li>{@code tools[].functionDeclarations}: each a function, its {@code parameters}
 *       (Google's {@code Schema}, read by {@link GeminiSchemaReader}) or
 *       {@code parametersJsonSchema} (JSON Schema, as given).
 *   <li>{@code toolConfig.functionCallingConfig}: {@code AUTO} (and {@code VALIDATED}) is auto,
 *       {@code ANY} required, {@code NONE} none; {@code allowedFunctionNames} keeps only those
 *       functions, and one allowed name with {@code ANY} is that function, named.
 *   <li>{@code safetySettings} are type-checked and kept as a vendor option; they have no effect
 *       on other vendors' models.
 * </ul>
 */
public final class GeminiRequestDecoder {
    private static final Set<String> FIELDS = Set.of("contents", "systemInstruction", "tools", "toolConfig",
            "safetySettings", "generationConfig", "cachedContent", "model");
    private static final Set<String> COUNT_FIELDS = Set.of("contents", "generateContentRequest");
    private static final Set<String> TOOL_FIELDS = Set.of("functionDeclarations", "googleSearchRetrieval",
            "codeExecution", "googleSearch", "computerUse", "urlContext", "fileSearch", "googleMaps", "retrieval",
            "enterpriseWebSearch");
    private static final Set<String> FUNCTION_FIELDS = Set.of("name", "description", "behavior", "parameters",
            "parametersJsonSchema", "response", "responseJsonSchema");
    private static final Set<String> TOOL_CONFIG_FIELDS = Set.of("functionCallingConfig", "retrievalConfig");
    private static final Set<String> CALLING_FIELDS = Set.of("mode", "allowedFunctionNames");
    private static final Set<String> SAFETY_FIELDS = Set.of("category", "threshold", "method");

    private GeminiRequestDecoder() {}

    /**
     * A {@code generateContent} body.
     *
     * @param model the model named in the path (the client's name)
     * @param stream whether the call was {@code streamGenerateContent}
     */
    public static ChatRequest decode(byte[] body, String model, boolean stream) {
        return read(parse(body), model, stream);
    }

    /**
     * A {@code countTokens} body: {@code contents}, or a whole {@code generateContentRequest}
     * (whose {@code model} field, if any, is the path's).
     */
    public static ChatRequest decodeCount(byte[] body, String model) {
        JsonField root = parse(body);
        GeminiFields.allowOnly(root, COUNT_FIELDS);
        JsonField whole = GeminiFields.get(root, "generateContentRequest");
        JsonField contents = GeminiFields.get(root, "contents");
        if (whole.isPresent() && contents.isPresent()) {
            throw whole.invalid("Set contents or generateContentRequest, not both.");
        }
        if (whole.isPresent()) {
            return read(whole, model, false);
        }
        List<Message> messages = new GeminiContentsDecoder().decode(contents);
        GeminiGenerationConfigDecoder.Decoded none = GeminiGenerationConfigDecoder.decode(root.field("none"));
        return new ChatRequest(model, List.of(), messages, List.of(), Optional.empty(), none.sampling(),
                none.reasoning(), none.format(), false, true, Optional.empty());
    }

    private static JsonField parse(byte[] body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw GatewayException.invalid("", "Invalid JSON payload received. " + Json.brief(
                    String.valueOf(e.getOriginalMessage())));
        } catch (IOException e) {
            throw GatewayException.invalid("", "The request body could not be read.");
        }
        if (root == null || !root.isObject()) {
            throw GatewayException.invalid("", "Invalid JSON payload received. The request body must be a JSON "
                    + "object.");
        }
        return JsonField.root(root);
    }

    private static ChatRequest read(JsonField root, String model, boolean stream) {
        GeminiFields.allowOnly(root, FIELDS);
        GeminiFields.get(root, "model").optString();
        JsonField cached = GeminiFields.get(root, "cachedContent");
        if (cached.isPresent()) {
            throw cached.invalid(cached.path() + ": context caches are Gemini's; this model's upstream has none.");
        }
        GeminiContentsDecoder contents = new GeminiContentsDecoder();
        List<Part> system = contents.system(GeminiFields.get(root, "systemInstruction"));
        List<Message> messages = contents.decode(GeminiFields.get(root, "contents"));
        List<Tool> tools = tools(GeminiFields.get(root, "tools"));
        JsonField toolConfig = GeminiFields.get(root, "toolConfig");
        Optional<ToolChoice> toolChoice = Optional.empty();
        if (toolConfig.isPresent()) {
            GeminiFields.allowOnly(toolConfig, TOOL_CONFIG_FIELDS);
            JsonField retrieval = GeminiFields.get(toolConfig, "retrievalConfig");
            if (retrieval.isPresent()) {
                retrieval.object();
            }
            JsonField calling = GeminiFields.get(toolConfig, "functionCallingConfig");
            if (calling.isPresent()) {
                ToolSelection selection = selection(calling, tools);
                tools = selection.tools();
                toolChoice = selection.choice();
            }
        }
        Optional<ObjectNode> vendor = safetySettings(GeminiFields.get(root, "safetySettings"));
        GeminiGenerationConfigDecoder.Decoded config =
                GeminiGenerationConfigDecoder.decode(GeminiFields.get(root, "generationConfig"));
        return new ChatRequest(model, system, messages, tools, toolChoice, config.sampling(), config.reasoning(),
                config.format(), stream, true, vendor);
    }

    private static List<Tool> tools(JsonField field) {
        if (field.isAbsent()) {
            return List.of();
        }
        List<Tool> tools = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (JsonField tool : field.elements()) {
            GeminiFields.allowOnly(tool, TOOL_FIELDS);
            for (String name : tool.names()) {
                String camel = GeminiFields.camel(name);
                if (!camel.equals("functionDeclarations")) {
                    throw tool.field(name).invalid(tool.field(name).path() + ": Google's built-in tool " + camel
                            + " is served by Gemini models only; declare functions instead.");
                }
            }
            JsonField declarations = GeminiFields.get(tool, "functionDeclarations");
            if (declarations.isAbsent()) {
                continue;
            }
            for (JsonField declaration : declarations.elements()) {
                Tool function = function(declaration);
                if (!names.add(function.name())) {
                    throw declaration.invalid(declaration.path() + ": the function '" + Json.brief(function.name())
                            + "' is declared twice.");
                }
                tools.add(function);
            }
        }
        return tools;
    }

    private static Tool function(JsonField declaration) {
        GeminiFields.allowOnly(declaration, FUNCTION_FIELDS);
        JsonField nameField = GeminiFields.get(declaration, "name");
        if (nameField.isAbsent() || nameField.string().isBlank()) {
            throw nameField.invalid("* GenerateContentRequest." + nameField.path() + ": property is empty, a "
                    + "function declaration needs a name.");
        }
        Optional<String> description = GeminiFields.get(declaration, "description").optString();
        GeminiFields.get(declaration, "behavior").optString();
        JsonField response = GeminiFields.get(declaration, "response");
        if (response.isPresent()) {
            GeminiSchemaReader.read(response);
        }
        JsonField responseJson = GeminiFields.get(declaration, "responseJsonSchema");
        if (responseJson.isPresent()) {
            responseJson.object();
        }
        JsonField parameters = GeminiFields.get(declaration, "parameters");
        JsonField jsonSchema = GeminiFields.get(declaration, "parametersJsonSchema");
        if (parameters.isPresent() && jsonSchema.isPresent()) {
            throw jsonSchema.invalid(jsonSchema.path() + ": set parameters or parametersJsonSchema, not both.");
        }
        Optional<ObjectNode> schema = parameters.isPresent() ? Optional.of(GeminiSchemaReader.read(parameters))
                : jsonSchema.isPresent() ? Optional.of(jsonSchema.object().deepCopy()) : Optional.empty();
        return new Tool(nameField.string(), description, schema, false);
    }

    private record ToolSelection(List<Tool> tools, Optional<ToolChoice> choice) {}

    private static ToolSelection selection(JsonField calling, List<Tool> tools) {
        GeminiFields.allowOnly(calling, CALLING_FIELDS);
        JsonField modeField = GeminiFields.get(calling, "mode");
        String mode = modeField.optString().orElse("MODE_UNSPECIFIED");
        JsonField allowedField = GeminiFields.get(calling, "allowedFunctionNames");
        List<String> allowed = new ArrayList<>();
        if (allowedField.isPresent()) {
            for (JsonField name : allowedField.elements()) {
                if (tools.stream().noneMatch(t -> t.name().equals(name.string()))) {
                    throw name.invalid(name.path() + ": '" + Json.brief(name.string())
                            + "' is not one of the declared functions.");
                }
                allowed.add(name.string());
            }
        }
        List<Tool> kept = allowed.isEmpty() ? tools
                : tools.stream().filter(t -> allowed.contains(t.name())).toList();
        Optional<ToolChoice> choice = switch (mode) {
            case "MODE_UNSPECIFIED" -> Optional.empty();
            case "AUTO", "VALIDATED" -> Optional.of(new ToolChoice.Auto());
            case "ANY" -> Optional.of(allowed.size() == 1 ? new ToolChoice.Named(allowed.get(0))
                    : new ToolChoice.Required());
            case "NONE" -> Optional.of(new ToolChoice.None());
            default -> throw modeField.invalid("Invalid value at '" + modeField.path() + "', \""
                    + Json.brief(mode) + "\": expected AUTO, ANY, NONE or VALIDATED.");
        };
        return new ToolSelection(kept, choice);
    }

    private static Optional<ObjectNode> safetySettings(JsonField field) {
        if (field.isAbsent()) {
            return Optional.empty();
        }
        for (JsonField setting : field.elements()) {
            GeminiFields.allowOnly(setting, SAFETY_FIELDS);
            GeminiFields.get(setting, "category").optString();
            GeminiFields.get(setting, "threshold").optString();
            GeminiFields.get(setting, "method").optString();
        }
        ObjectNode vendor = Json.MAPPER.createObjectNode();
        vendor.set("safety_settings", field.node().deepCopy());
        return Optional.of(vendor);
    }
}
