package dev.junction.protocol.model;

import java.util.Locale;
import java.util.Optional;

/** OpenAI's {@code reasoning_effort} values. */
public enum ReasoningEffort {
    NONE,
    MINIMAL,
    LOW,
    MEDIUM,
    HIGH;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ReasoningEffort> parse(String value) {
        for (ReasoningEffort e : values()) {
            if (e.wire().equals(value)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
