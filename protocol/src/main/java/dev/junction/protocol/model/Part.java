package dev.junction.protocol.model;

import java.util.Optional;

/**
 * One piece of a message. Exactly the pieces the protocols can carry; anything else is
 * rejected by the decoder that meets it, never silently dropped.
 *
 * <p>Thought signatures are opaque strings that Gemini attaches to a part and requires back on
 * the same part; they are kept byte for byte.
 */
public sealed interface Part {

    /** Visible text. {@code signature} is the thought signature Gemini put on this part, if any. */
    record Text(String text, Optional<String> signature) implements Part {
        public static Text of(String text) {
            return new Text(text, Optional.empty());
        }
    }

    /** Inline media, base64 as it travelled (never decoded and re-encoded). */
    record Blob(String mimeType, String base64) implements Part {}

    /**
     * Media by reference: a URI the model reads itself, or the gateway fetches for it.
     * {@code source} is where the caller gave it, as a path into its request
     * ({@code messages[1].content[1].image_url.url}), so that a URL that cannot be fetched is
     * reported against the field the caller wrote, not a position in Junction's model (where
     * system messages have been taken out of the conversation).
     */
    record FileRef(Optional<String> mimeType, String uri, Optional<String> source) implements Part {
        public FileRef(Optional<String> mimeType, String uri) {
            this(mimeType, uri, Optional.empty());
        }
    }

    /**
     * A function call made by the model. {@code argumentsJson} is a JSON object text;
     * {@code id} is stable for the whole conversation so that the tool result can name it.
     */
    record ToolCall(String id, String name, String argumentsJson, Optional<String> signature) implements Part {}

    /**
     * The caller's answer to a tool call. {@code name} is the function name (recovered from the
     * call when the caller only gave the id); {@code resultJson} is the result as JSON text.
     */
    record ToolResult(String callId, String name, String resultJson, boolean isError) implements Part {
        /** A result that is not an error. */
        public ToolResult(String callId, String name, String resultJson) {
            this(callId, name, resultJson, false);
        }
    }

    /**
     * The model's thought summary; shown only when the caller asked for thoughts.
     * {@code signature} is the vendor's seal on it (Gemini's thought signature, Anthropic's
     * thinking signature), sent back unchanged.
     */
    record Reasoning(String text, Optional<String> signature) implements Part {}

    /**
     * Thinking the vendor encrypted (Anthropic's {@code redacted_thinking}): never shown, only
     * carried back to the vendor that made it, byte for byte.
     */
    record RedactedReasoning(String data) implements Part {}
}
