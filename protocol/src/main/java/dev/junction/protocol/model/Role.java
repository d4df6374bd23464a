package dev.junction.protocol.model;

/** Who speaks a message in the canonical conversation. */
public enum Role {
    SYSTEM,
    USER,
    ASSISTANT,
    TOOL
}
