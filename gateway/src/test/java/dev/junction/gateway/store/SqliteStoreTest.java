package dev.junction.gateway.store;

import dev.junction.gateway.store.StorageSettings;
import dev.junction.gateway.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends StoreContract {
    @TempDir
    Path dir;

    @Override
    StorageSettings storage() {
        return TestDatabases.sqlite(dir);
    }
}
