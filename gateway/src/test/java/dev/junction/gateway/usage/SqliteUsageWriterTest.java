package dev.junction.gateway.usage;

import dev.junction.gateway.store.StorageSettings;
import dev.junction.gateway.testing.TestDatabases;

/** The usage writer contract on SQLite. */
class SqliteUsageWriterTest extends UsageWriterContract {
    @Override
    StorageSettings storage() {
        return TestDatabases.sqlite(dir);
    }

    @Override
    String refuseModelSql(String model) {
        return "CREATE TRIGGER refuse_" + model + " BEFORE INSERT ON usage_records WHEN NEW.model = '" + model
                + "' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END";
    }
}
