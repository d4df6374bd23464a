package dev.junction.gateway.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * The default one-line format, {@code 2026-12-03 14:03:01.334 INFO    logger: message}. A request's
 * line is written as it was made, never passed through {@code MessageFormat} (a model name a
 * client sent may hold braces).
 */
final class TextLogFormatter extends Formatter {
    private final SimpleFormatter simple = new SimpleFormatter();

    @Override
    public String format(LogRecord record) {
        if (record.getParameters() == null) {
            return simple.format(record);
        }
        String thrown = "";
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            trace.append('\n');
            record.getThrown().printStackTrace(new PrintWriter(trace));
            thrown = trace.toString();
        }
        String message = "junction.requests".equals(record.getLoggerName()) ? record.getMessage() : formatMessage(record);
        return String.format("%1$tF %1$tT.%1$tL %2$-7s %3$s: %4$s%5$s%n", record.getMillis(),
                record.getLevel().getLocalizedName(), record.getLoggerName(), message, thrown);
    }
}
