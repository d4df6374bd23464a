package dev.junction.protocol.model;

import java.util.Locale;
import java.util.Optional;

/** Gemini 3's {@code thinkingLevel} values, least thinking first. */
public enum ThinkingLevel {
    MINIMAL,
    LOW,
    MEDIUM,
    HIGH;

    /** The spelling Gemini's REST documentation uses on the wire. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Case-insensitive: Google's REST samples send {@code low}, its SDKs {@code LOW}. */
    public static Optional<ThinkingLevel> parse(String value) {
        for (ThinkingLevel level : values()) {
            if (level.name().equalsIgnoreCase(value)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}
