package dev.junction.protocol.openai;

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
 * Reads {@code tools} and {@code tool_choice}, and their legacy forms {@code functions} and
 * {@code function_call}. Only function tools exist on this path (OpenAI's {@code custom} tools
 * and {@code allowed_tools} choices have no Gemini equivalent: 400). Function names must be
 * valid for Gemini (a letter or {@code _} first, then letters, digits, {@code _ . : -}, at most
 * 64) and unique, so that a bad tool fails here with its path instead of upstream.
 */
final class OpenAiToolsDecoder {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:-]{0,63}");

    record Decoded(List<Tool> tools, Optional<ToolChoice> choice) {}

    private OpenAiToolsDecoder() {}

    static Decoded decode(OpenAiRequestFields fields) {
        JsonField tools = fields.get("tools");
        JsonField functions = fields.get("functions");
        if (tools.isPresent() && functions.isPresent()) {
            throw functions.invalid("Invalid '" + functions.path() + "': send 'tools' or the legacy 'functions', not both.");
        }
        List<Tool> decoded = new ArrayList<>();
        Set<String> names = new HashSet<>();
        if (tools.isPresent()) {
            for (JsonField tool : tools.elements()) {
                tool.object();
                JsonField type = tool.field("type");
                if (!type.string().equals("function")) {
                    throw type.invalid("Invalid value: '" + Json.brief(type.string()) + "'. Supported values are: 'function'.");
                }
                decoded.add(function(tool.field("function"), names));
            }
        } else if (functions.isPresent()) {
            for (JsonField function : functions.elements()) {
                decoded.add(function(function, names));
            }
        }
        Optional<ToolChoice> choice = fields.get("tool_choice").isPresent()
                ? Optional.of(choice(fields.get("tool_choice"), names))
                : legacyChoice(fields.get("function_call"), names);
        return new Decoded(decoded, choice);
    }

    private static Tool function(JsonField function, Set<String> names) {
        function.object();
        JsonField nameField = function.field("name");
        String name = nameField.string();
        if (!NAME.matcher(name).matches()) {
            throw nameField.invalid("Invalid '" + nameField.path() + "': '" + Json.brief(name) + "' is not a valid function name."
                    + " Start with a letter or an underscore; use letters, digits, '_', '.', ':' or '-'; at most 64.");
        }
        if (!names.add(name)) {
            throw nameField.invalid("Invalid '" + nameField.path() + "': the function name '" + Json.brief(name) + "' is used twice.");
        }
        JsonField parameters = function.field("parameters");
        return new Tool(name,
                function.field("description").optString(),
                parameters.isPresent() ? Optional.of(parameters.object().deepCopy()) : Optional.empty(),
                function.field("strict").optBool().orElse(false));
    }

    private static ToolChoice choice(JsonField field, Set<String> names) {
        if (field.node().isTextual()) {
            ToolChoice choice = switch (field.string()) {
                case "auto" -> new ToolChoice.Auto();
                case "none" -> new ToolChoice.None();
                case "required" -> new ToolChoice.Required();
                default -> throw field.invalid("Invalid value: '" + Json.brief(field.string())
                        + "'. Supported values are: 'none', 'auto', and 'required'.");
            };
            if (choice instanceof ToolChoice.Required && names.isEmpty()) {
                throw field.invalid("Invalid '" + field.path() + "': 'required' needs at least one tool in 'tools'.");
            }
            return choice;
        }
        if (!field.node().isObject()) {
            throw field.wrongType("a string or an object");
        }
        JsonField type = field.field("type");
        if (!type.string().equals("function")) {
            throw type.invalid("Invalid value: '" + Json.brief(type.string()) + "'. Supported values are: 'function'.");
        }
        JsonField function = field.field("function");
        function.object();
        return named(function.field("name"), names);
    }

    private static Optional<ToolChoice> legacyChoice(JsonField field, Set<String> names) {
        if (field.isAbsent()) {
            return Optional.empty();
        }
        if (field.node().isTextual()) {
            return Optional.of(switch (field.string()) {
                case "auto" -> new ToolChoice.Auto();
                case "none" -> new ToolChoice.None();
                default -> throw field.invalid("Invalid value: '" + Json.brief(field.string())
                        + "'. Supported values are: 'none' and 'auto'.");
            });
        }
        if (!field.node().isObject()) {
            throw field.wrongType("a string or an object");
        }
        return Optional.of(named(field.field("name"), names));
    }

    private static ToolChoice named(JsonField nameField, Set<String> names) {
        String name = nameField.string();
        if (!names.contains(name)) {
            throw nameField.invalid("Invalid '" + nameField.path() + "': no tool named '" + name + "' is declared in 'tools'.");
        }
        return new ToolChoice.Named(name);
    }
}
