package dev.junction.gateway.cli;

import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;

/**
 * {@code JUNCTION_LOG_LEVEL}: the names operators know from other tools ({@code TRACE},
 * {@code DEBUG}, {@code INFO}, {@code WARN}, {@code ERROR}, {@code OFF}) and those of
 * {@code java.util.logging} ({@code FINEST}, {@code FINE}, {@code WARNING}, {@code SEVERE}...).
 */
final class LogLevels {
    static final String NAMES = "TRACE, DEBUG, INFO, WARN, ERROR, OFF (or FINEST, FINER, FINE, CONFIG, WARNING, SEVERE, ALL)";

    private LogLevels() {}

    static Optional<Level> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (name.trim().toUpperCase(Locale.ROOT)) {
            case "TRACE", "FINEST" -> Level.FINEST;
            case "FINER" -> Level.FINER;
            case "DEBUG", "FINE" -> Level.FINE;
            case "CONFIG" -> Level.CONFIG;
            case "INFO" -> Level.INFO;
            case "WARN", "WARNING" -> Level.WARNING;
            case "ERROR", "SEVERE", "FATAL" -> Level.SEVERE;
            case "OFF" -> Level.OFF;
            case "ALL" -> Level.ALL;
            default -> null;
        });
    }
}
