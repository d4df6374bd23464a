package dev.junction.gateway.testing;

import dev.junction.gateway.store.StorageSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Databases for tests. PostgreSQL tests get a schema of their own in the database {@code test}
 * at 127.0.0.1:5432 (override with {@code JUNCTION_TEST_POSTGRES}), so runs can repeat and
 * overlap; they fail, not skip, when PostgreSQL is not there. Exclude them with
 * {@code -DexcludedGroups=postgres}.
 */
public final class TestDatabases {
    public static final String POSTGRES = Optional.ofNullable(System.getenv("JUNCTION_TEST_POSTGRES"))
            .orElse("jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    private TestDatabases() {}

    public static StorageSettings sqlite(Path dir) {
        return new StorageSettings("jdbc:sqlite:" + dir.resolve("junction.db"), Optional.empty(), Optional.empty());
    }

    /** A fresh schema; {@link #dropSchema} removes it. */
    public static String createSchema() {
        String schema = "jt_" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        exec("CREATE SCHEMA " + schema);
        return schema;
    }

    public static StorageSettings postgres(String schema) {
        return postgres(POSTGRES, schema);
    }

    /** @param baseUrl a PostgreSQL URL, e.g. one pointing at a test proxy */
    public static StorageSettings postgres(String baseUrl, String schema) {
        return new StorageSettings(baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                Optional.empty(), Optional.empty());
    }

    public static void dropSchema(String schema) {
        exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private static void exec(String sql) {
        try (Connection c = DriverManager.getConnection(POSTGRES); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + POSTGRES + " is required for this test (exclude it with "
                    + "-DexcludedGroups=postgres): " + e.getMessage(), e);
        }
    }
}
