package dev.junction.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import dev.junction.protocol.model.Part;
import dev.junction.protocol.model.ToolCallIds;
import java.util.Locale;
import java.util.Optional;

/**
 * One part of a Gemini answer as a canonical {@link Part}, for complete and streamed answers
 * alike. Thought signatures are kept byte for byte on the part they came with.
 *
 * <p>Parts OpenAI has no field for become markdown text (lossy, by choice: the alternative is
 * dropping them): {@code executableCode} a fenced block in its language,
 * {@code codeExecutionResult} a fenced block of its output, {@code inlineData} a data-URL image
 * {@code ![image](data:...)} (or a link for other media), {@code fileData} a link. A function
 * call without an id gets one from the caller's {@link ToolCallIds}.
 */
final class GeminiPartDecoder {
    private GeminiPartDecoder() {}

    /**
     * Empty for parts that carry nothing Junction shows (metadata only).
     *
     * @throws GatewayException {@code UPSTREAM_ERROR} for a function call that is not an object
     *     with a name: there is nothing a client could run
     */
    static Optional<Part> decode(JsonNode part, ToolCallIds ids) {
        Optional<String> signature = text(part.path("thoughtSignature"));
        if (part.has("functionCall")) {
            JsonNode call = part.get("functionCall");
            if (!call.path("name").isTextual() || call.path("name").textValue().isEmpty()) {
                throw new GatewayException(GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR,
                        "the upstream sent malformed data: a function call without a name"));
            }
            String id = text(call.path("id")).filter(s -> !s.isEmpty()).orElseGet(ids::next);
            JsonNode args = call.path("args");
            return Optional.of(new Part.ToolCall(id, call.path("name").asText(""),
                    args.isObject() ? args.toString() : "{}", signature));
        }
        if (part.path("text").isTextual()) {
            String text = part.get("text").textValue();
            return Optional.of(part.path("thought").asBoolean(false)
                    ? new Part.Reasoning(text, signature)
                    : new Part.Text(text, signature));
        }
        Optional<String> rendered = markdown(part);
        if (rendered.isPresent()) {
            return Optional.of(new Part.Text(rendered.get(), signature));
        }
        return signature.map(s -> new Part.Text("", Optional.of(s)));
    }

    private static Optional<String> markdown(JsonNode part) {
        if (part.has("executableCode")) {
            JsonNode code = part.get("executableCode");
            return Optional.of(fence(code.path("language").asText("").toLowerCase(Locale.ROOT), code.path("code").asText("")));
        }
        if (part.has("codeExecutionResult")) {
            JsonNode result = part.get("codeExecutionResult");
            String outcome = result.path("outcome").asText("OUTCOME_OK");
            String prefix = outcome.equals("OUTCOME_OK") ? "" : "Code execution outcome: " + outcome + "\n";
            return Optional.of(prefix + fence("", result.path("output").asText("")));
        }
        if (part.has("inlineData")) {
            JsonNode data = part.get("inlineData");
            String mime = data.path("mimeType").asText("application/octet-stream");
            String url = "data:" + mime + ";base64," + data.path("data").asText("");
            return Optional.of(mime.startsWith("image/") ? "![image](" + url + ")" : "[" + mime + "](" + url + ")");
        }
        if (part.has("fileData")) {
            String uri = part.get("fileData").path("fileUri").asText("");
            return Optional.of("[" + uri + "](" + uri + ")");
        }
        return Optional.empty();
    }

    private static String fence(String language, String body) {
        return "```" + language + "\n" + body + (body.endsWith("\n") ? "" : "\n") + "```\n\n";
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() ? Optional.of(node.textValue()) : Optional.empty();
    }
}
