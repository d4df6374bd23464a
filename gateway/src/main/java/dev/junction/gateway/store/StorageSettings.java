package dev.junction.gateway.store;

import java.util.Optional;

/** The database: a JDBC URL (SQLite by default, PostgreSQL when configured). */
public record StorageSettings(String jdbcUrl, Optional<String> user, Optional<String> password) {
    public boolean isPostgres() {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }
}
