package dev.junction.protocol.model;

/** Why a choice ended, in the terms OpenAI clients accept. */
public enum FinishReason {
    STOP,
    LENGTH,
    TOOL_CALLS,
    CONTENT_FILTER
}
