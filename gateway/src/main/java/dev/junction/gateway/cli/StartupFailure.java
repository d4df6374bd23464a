package dev.junction.gateway.cli;

import dev.junction.gateway.config.JunctionConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Why {@code junction serve} could not start, in one line that names the cause and the fix
 * (the address and port, the database URL), for the operator's terminal; the stack trace goes
 * to the log at FINE only.
 */
final class StartupFailure {
    private StartupFailure() {}

    static String describe(Throwable failure, JunctionConfig config) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        String all = String.join(" | ", chain.stream().map(t -> t.getClass().getName() + ": " + t.getMessage()).toList())
                .toLowerCase(Locale.ROOT);
        String address = config.server().host() + ":" + config.server().port();
        if (all.contains("address already in use")) {
            return "cannot listen on " + address + ": the address is already in use (is another Junction or "
                    + "program serving there?); choose another port with server.port or JUNCTION_PORT";
        }
        if (all.contains("cannot assign requested address")) {
            return "cannot listen on " + address + ": " + config.server().host() + " is not an address of this "
                    + "machine; set server.host or JUNCTION_HOST (0.0.0.0 for every interface)";
        }
        if (all.contains("bindexception") && all.contains("permission denied")) {
            return "cannot listen on " + address + ": ports below 1024 need privileges; choose a port above 1023";
        }
        boolean database = chain.stream().anyMatch(t -> t instanceof java.sql.SQLException
                || t.getClass().getName().startsWith("com.zaxxer.hikari") || t.getClass().getName().startsWith("org.flywaydb"));
        if (database) {
            String url = config.storage().jdbcUrl();
            return "cannot open the database " + url + config.storage().user().map(u -> " as " + u).orElse("")
                    + ": " + rootMessage(chain) + "; check storage.url (or JUNCTION_DATABASE_URL)"
                    + (config.storage().isPostgres() ? ", that PostgreSQL runs there and accepts this user"
                            : " and that the data folder " + config.dataDir() + " is writable");
        }
        return "cannot start: " + rootMessage(chain) + " (run with JUNCTION_LOG_LEVEL=DEBUG for the details)";
    }

    private static String rootMessage(List<Throwable> chain) {
        for (int i = chain.size() - 1; i >= 0; i--) {
            String message = chain.get(i).getMessage();
            if (message != null && !message.isBlank()) {
                String line = message.lines().findFirst().orElse("").strip();
                return line.length() > 300 ? line.substring(0, 300) + "..." : line;
            }
        }
        return chain.get(chain.size() - 1).getClass().getSimpleName();
    }
}
