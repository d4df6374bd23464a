package dev.junction.gateway.ops;

import dev.junction.gateway.store.StorageSettings;
import dev.junction.gateway.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/** The operator end-to-end tests on the default store, SQLite in the data directory. */
class SqliteOperationsEndToEndTest extends OperationsEndToEndContract {
    private Connection locker;

    @Override
    StorageSettings storage() {
        return TestDatabases.sqlite(dir);
    }

    @Override
    StorageSettings directStorage() {
        return TestDatabases.sqlite(dir);
    }

    /** Another process holding the write lock: every write fails with SQLITE_BUSY until it lets go. */
    @Override
    void makeDatabaseUnreachable() throws Exception {
        locker = DriverManager.getConnection(storage().jdbcUrl());
        try (Statement s = locker.createStatement()) {
            s.execute("BEGIN EXCLUSIVE");
        }
    }

    @Override
    void restoreDatabase() throws Exception {
        try (Statement s = locker.createStatement()) {
            s.execute("ROLLBACK");
        }
        locker.close();
    }
}
