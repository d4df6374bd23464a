package dev.junction.protocol.model;

import java.util.Optional;

/** The vendor refused the prompt itself; no candidate was produced. */
public record PromptBlock(String reason, Optional<String> message) {}
