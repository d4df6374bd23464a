package dev.junction.gateway.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * One log line per message on standard error: time, level, logger, message. Vert.x, Netty,
 * Lettuce, Flyway and Hikari all log through {@code java.util.logging} here; their chatter is kept
 * at WARNING.
 */
final class Logging {
    /** Held so that its configuration is not collected with it (java.util.logging keeps loggers weakly). */
    private static final Logger REQUESTS = Logger.getLogger("junction.requests");

    private static Handler CONSOLE;
    private static Handler BATCHED;

    private Logging() {}

    /** The formatter for {@code format} ({@code text}, the default, or {@code json}). */
    static Formatter formatter(String format) {
        return format != null && format.strip().equalsIgnoreCase("json") ? new JsonLogFormatter() : new TextLogFormatter();
    }

    /**
     * Switches every line to {@code format}, as the configuration's {@code logging.format} says
     * (the environment's {@code JUNCTION_LOG_FORMAT}, read at start, wins over the file).
     */
    static void useFormat(String format) {
        String env = System.getenv("JUNCTION_LOG_FORMAT");
        Formatter chosen = formatter(env != null && !env.isBlank() ? env : format);
        if (CONSOLE != null) {
            CONSOLE.setFormatter(chosen);
            BATCHED.setFormatter(chosen);
        }
    }

    static void configure() {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT.%1$tL %4$-7s %3$s: %5$s%6$s%n");
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        ConsoleHandler handler = new ConsoleHandler();
        handler.setFormatter(formatter(System.getenv("JUNCTION_LOG_FORMAT")));
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        // The request log's lines arrive in batches from UsageLog's thread, which flushes after
        // each batch; the console handler would flush (a write) per line.
        StreamHandler batched = new StreamHandler(System.err, handler.getFormatter()) {
            @Override
            public synchronized void close() {
                flush(); // never close standard error
            }
        };
        batched.setLevel(Level.ALL);
        REQUESTS.setUseParentHandlers(false);
        REQUESTS.addHandler(batched);
        root.setLevel(Level.INFO);
        CONSOLE = handler;
        BATCHED = batched;
        for (String noisy : new String[] {"io.vertx", "io.netty", "io.lettuce", "org.flywaydb", "com.zaxxer.hikari"}) {
            Logger.getLogger(noisy).setLevel(Level.WARNING);
        }
        String level = System.getenv("JUNCTION_LOG_LEVEL");
        if (level != null && !level.isBlank()) {
            java.util.Optional<Level> parsed = LogLevels.parse(level);
            if (parsed.isPresent()) {
                root.setLevel(parsed.get());
            } else {
                root.warning("JUNCTION_LOG_LEVEL=" + level.strip() + " is not a level (" + LogLevels.NAMES
                        + "): logging at INFO");
            }
        }
    }
}
