package dev.junction.protocol.model;

/**
 * What an encoder needs that it must not make up itself: ids and time come from the caller, so
 * that codecs stay pure functions and fixtures replay byte for byte. Used for streamed and
 * non-streamed answers alike.
 *
 * @param responseId the id the client sees
 * @param createdEpochSeconds the creation time the client sees
 * @param model the model name the client asked for
 * @param includeUsage whether the client asked for a usage chunk at the end of a stream
 * @param includeReasoning whether the client asked for thoughts
 *     ({@code ReasoningConfig.includeThoughts}); thought parts are shown only then
 */
public record StreamContext(
        String responseId, long createdEpochSeconds, String model, boolean includeUsage, boolean includeReasoning) {

    /** Shows thoughts whenever the upstream sends them (Gemini sends them only when asked). */
    public StreamContext(String responseId, long createdEpochSeconds, String model, boolean includeUsage) {
        this(responseId, createdEpochSeconds, model, includeUsage, true);
    }
}
