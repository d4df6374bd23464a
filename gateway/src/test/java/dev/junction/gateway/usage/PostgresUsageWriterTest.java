package dev.junction.gateway.usage;

import dev.junction.gateway.store.StorageSettings;
import dev.junction.gateway.testing.TestDatabases;
import org.junit.jupiter.api.Tag;

/** The usage writer contract on the PostgreSQL at 127.0.0.1:5432, in a schema of its own. */
@Tag("postgres")
class PostgresUsageWriterTest extends UsageWriterContract {
    private String schema;

    @Override
    StorageSettings storage() {
        schema = TestDatabases.createSchema();
        return TestDatabases.postgres(schema);
    }

    @Override
    String refuseModelSql(String model) {
        return "ALTER TABLE usage_records ADD CONSTRAINT refuse_" + model + " CHECK (model <> '" + model + "')";
    }

    @Override
    void dropStorage() {
        TestDatabases.dropSchema(schema);
    }
}
