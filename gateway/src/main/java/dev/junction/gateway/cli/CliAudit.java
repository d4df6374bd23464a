package dev.junction.gateway.cli;

import dev.junction.gateway.audit.JdbcAuditLog;
import dev.junction.gateway.store.Database;
import java.time.Clock;
import java.util.Optional;

/** Records CLI actions in the audit log, as {@code cli:<operating system user>}. */
final class CliAudit {
    private CliAudit() {}

    static void record(Database database, String action, String target, String detailsJson) {
        new JdbcAuditLog(database, Clock.systemUTC()).record("cli:" + System.getProperty("user.name", "unknown"),
                action, Optional.of(target), detailsJson);
    }

    /** A flat JSON object of option names and values, for the audit details. */
    static String details(String... keyValues) {
        var o = dev.junction.protocol.Json.MAPPER.createObjectNode();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                o.put(keyValues[i], keyValues[i + 1]);
            }
        }
        return o.toString();
    }
}
