package dev.junction.protocol.gemini;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.model.ChatRequest;
import dev.junction.protocol.model.Tool;
import dev.junction.protocol.model.ToolChoice;
import java.util.List;
import java.util.Optional;

/**
 * {@code tools[].functionDeclarations} and {@code toolConfig.functionCallingConfig}.
 *
 * <table>
 * <caption>tool_choice</caption>
 * <tr><th>OpenAI</th><th>Gemini mode</th></tr>
 * <tr><td>absent or {@code auto}</td><td>nothing ({@code AUTO} is the default), or {@code VALIDATED}
 *     when a tool is {@code strict}: calls are then checked against their schema, the nearest
 *     Gemini has to OpenAI's strict mode (vercel/ai does the same)</td></tr>
 * <tr><td>{@code none}</td><td>{@code NONE}</td></tr>
 * <tr><td>{@code required}</td><td>{@code ANY}</td></tr>
 * <tr><td>{@code {type: function, function: {name}}}</td><td>{@code ANY} with {@code allowedFunctionNames: [name]}</td></tr>
 * </table>
 * Without tools no {@code toolConfig} is sent.
 */
final class GeminiToolsEncoder {
    private GeminiToolsEncoder() {}

    static void encode(ChatRequest request, ObjectNode out) {
        List<Tool> tools = request.tools();
        if (tools.isEmpty()) {
            return;
        }
        ArrayNode declarations = out.putArray("tools").addObject().putArray("functionDeclarations");
        for (int i = 0; i < tools.size(); i++) {
            Tool tool = tools.get(i);
            ObjectNode declaration = declarations.addObject();
            declaration.put("name", tool.name());
            tool.description().ifPresent(d -> declaration.put("description", d));
            String param = "tools[" + i + "].function.parameters";
            tool.parameters()
                    .flatMap(schema -> GeminiSchemaConverter.parameters(schema, param))
                    .ifPresent(schema -> declaration.set("parameters", schema));
        }
        boolean strict = tools.stream().anyMatch(Tool::strict);
        mode(request.toolChoice(), strict).ifPresent(mode -> {
            ObjectNode config = out.putObject("toolConfig").putObject("functionCallingConfig");
            config.put("mode", mode);
            if (request.toolChoice().orElse(null) instanceof ToolChoice.Named named) {
                config.putArray("allowedFunctionNames").add(named.name());
            }
        });
    }

    private static Optional<String> mode(Optional<ToolChoice> choice, boolean strict) {
        if (choice.isEmpty()) {
            return strict ? Optional.of("VALIDATED") : Optional.empty();
        }
        return Optional.of(switch (choice.get()) {
            case ToolChoice.Auto a -> strict ? "VALIDATED" : "AUTO";
            case ToolChoice.None n -> "NONE";
            case ToolChoice.Required r -> "ANY";
            case ToolChoice.Named n -> "ANY";
        });
    }
}
