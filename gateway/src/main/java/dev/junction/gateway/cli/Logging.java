package dev.junction.gateway.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;

/**
 * One log line per message on standard error: time, level, logger, message. Vert.x, Netty,
 * Lettuce, Flyway and Hikari all log through {@code java.util.logging} here; their chatter is kept
 * at WARNING.
 */
final class Logging {
    /** Held so that its configuration is not collected with it (java.util.logging keeps loggers weakly). */
    private static final Logger REQUESTS = Logger.getLogger("junction.requests");

    private Logging() {}

    static void configure() {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT.%1$tL %4$-7s %3$s: %5$s%6$s%n");
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        ConsoleHandler handler = new ConsoleHandler();
        handler.setFormatter(new SimpleFormatter());
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
