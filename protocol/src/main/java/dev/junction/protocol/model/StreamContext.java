package dev.junction.protocol.model;

/**
 * What an encoder needs that it must not make up itself: ids and time come from the caller, so
 * that codecs stay pure functions and fixtures replay byte for byte.
 *
 * @param responseId the id the client sees
 * @param createdEpochSeconds the creation time the client sees
 * @param model the model name the client asked for
 * @param includeUsage whether the client asked for a usage chunk at the end of a stream
 */
public record StreamContext(String responseId, long createdEpochSeconds, String model, boolean includeUsage) {}
