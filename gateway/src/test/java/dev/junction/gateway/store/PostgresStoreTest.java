package dev.junction.gateway.store;

import dev.junction.gateway.store.StorageSettings;
import dev.junction.gateway.testing.TestDatabases;
import org.junit.jupiter.api.Tag;

/** The store contract on the PostgreSQL at 127.0.0.1:5432, in a schema of its own. */
@Tag("postgres")
class PostgresStoreTest extends StoreContract {
    private String schema;

    @Override
    StorageSettings storage() {
        schema = TestDatabases.createSchema();
        return TestDatabases.postgres(schema);
    }

    @Override
    void dropStorage() {
        TestDatabases.dropSchema(schema);
    }
}
