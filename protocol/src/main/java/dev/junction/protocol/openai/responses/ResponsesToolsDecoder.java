package dev.junction.protocol.openai.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.JsonField;
import dev.junction.protocol.model.Tool;
import dev.junction.protocol.model.ToolChoice;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code tools} and {@code tool_choice}. Function tools are flat in this API
 * ({@code {"type":"function","name","description","parameters","strict"}}, {@code strict}
 * defaulting to true as OpenAI's does). OpenAI's hosted tools run on OpenAI's servers: web search
 * is refused with a 400 that says so (no upstream here grounds its answers yet), and the others
 * (file search, code interpreter, computer use, MCP, image generation, custom tools) are not
 * offered. Function names must be valid for Gemini and unique, so that a bad tool fails here with
 * its path instead of upstream.
 */
final class ResponsesToolsDecoder {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:-]{0,63}");
    private static final Set<String> WEB_SEARCH = Set.of("web_search", "web_search_preview",
            "web_search_2025_08_26", "web_search_preview_2025_03_11");

    /** The tools, the choice, and both as the response echoes them. */
    record Decoded(List<Tool> tools, Optional<ToolChoice> choice, ArrayNode echoTools, JsonNode echoChoice) {}

    private ResponsesToolsDecoder() {}

    static Decoded decode(JsonField toolsField, JsonField choiceField) {
        List<Tool> tools = new ArrayList<>();
        ArrayNode echo = Json.MAPPER.createArrayNode();
        Set<String> names = new HashSet<>();
        if (toolsField.isPresent()) {
            for (JsonField tool : toolsField.elements()) {
                tool.object();
                JsonField type = tool.field("type");
                String kind = type.string();
                if (WEB_SEARCH.contains(kind)) {
                    throw type.invalid("Invalid '" + type.path() + "': the " + kind + " tool is not supported:"
                            + " no upstream of this gateway can ground its answers in a web search.");
                }
                if (!kind.equals("function")) {
                    throw type.invalid("Invalid value: '" + kind + "'. Supported values are: 'function'.");
                }
                Tool decoded = function(tool, names);
                tools.add(decoded);
                ObjectNode e = echo.addObject().put("type", "function").put("name", decoded.name());
                decoded.description().ifPresentOrElse(d -> e.put("description", d), () -> e.putNull("description"));
                e.set("parameters", decoded.parameters().<JsonNode>map(p -> p).orElse(Json.MAPPER.nullNode()));
                e.put("strict", decoded.strict());
            }
        }
        if (choiceField.isAbsent()) {
            return new Decoded(tools, Optional.empty(), echo, Json.MAPPER.getNodeFactory().textNode("auto"));
        }
        return new Decoded(tools, Optional.of(choice(choiceField, names)), echo, choiceField.node().deepCopy());
    }

    private static Tool function(JsonField tool, Set<String> names) {
        JsonField nameField = tool.field("name");
        String name = nameField.string();
        if (!NAME.matcher(name).matches()) {
            throw nameField.invalid("Invalid '" + nameField.path() + "': '" + name + "' is not a valid function name."
                    + " Start with a letter or an underscore; use letters, digits, '_', '.', ':' or '-'; at most 64.");
        }
        if (!names.add(name)) {
            throw nameField.invalid("Invalid '" + nameField.path() + "': the function name '" + name + "' is used twice.");
        }
        JsonField parameters = tool.field("parameters");
        return new Tool(name, tool.field("description").optString(),
                parameters.isPresent() ? Optional.of(parameters.object().deepCopy()) : Optional.empty(),
                tool.field("strict").optBool().orElse(true));
    }

    private static ToolChoice choice(JsonField field, Set<String> names) {
        if (field.node().isTextual()) {
            return switch (field.string()) {
                case "auto" -> new ToolChoice.Auto();
                case "none" -> new ToolChoice.None();
                case "required" -> new ToolChoice.Required();
                default -> throw field.invalid("Invalid value: '" + field.string()
                        + "'. Supported values are: 'none', 'auto', and 'required'.");
            };
        }
        if (!field.node().isObject()) {
            throw field.wrongType("a string or an object");
        }
        JsonField type = field.field("type");
        if (!type.string().equals("function")) {
            throw type.invalid("Invalid value: '" + type.string() + "'. Supported values are: 'function'.");
        }
        JsonField nameField = field.field("name");
        String name = nameField.string();
        if (!names.contains(name)) {
            throw nameField.invalid("Invalid '" + nameField.path() + "': no tool named '" + name
                    + "' is declared in 'tools'.");
        }
        return new ToolChoice.Named(name);
    }
}
