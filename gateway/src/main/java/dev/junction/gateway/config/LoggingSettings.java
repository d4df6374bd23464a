package dev.junction.gateway.config;

import java.util.Set;

/** The {@code logging:} section: {@code format: text} (one line per message, the default) or {@code json}. */
public record LoggingSettings(String format) {
    public static final LoggingSettings DEFAULTS = new LoggingSettings("text");

    /** @throws ConfigException naming the key, file and line */
    public static LoggingSettings read(ConfigNode node) {
        if (node.isMissing()) {
            return DEFAULTS;
        }
        node.allowOnly(Set.of("format"));
        String format = node.get("format").string("text");
        if (!format.equals("text") && !format.equals("json")) {
            throw node.get("format").error("must be text or json, got '" + format + "'");
        }
        return new LoggingSettings(format);
    }
}
