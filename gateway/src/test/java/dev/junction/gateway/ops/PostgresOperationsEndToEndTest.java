package dev.junction.gateway.ops;

import dev.junction.gateway.store.StorageSettings;
import dev.junction.gateway.testing.TcpProxy;
import dev.junction.gateway.testing.TestDatabases;
import java.net.URI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

/**
 * The operator end-to-end tests on PostgreSQL, in a schema of their own, reached through a TCP
 * proxy the test can cut to make the database unreachable.
 */
@Tag("postgres")
class PostgresOperationsEndToEndTest extends OperationsEndToEndContract {
    private String schema;
    private TcpProxy proxy;

    @BeforeEach
    void createSchema() throws Exception {
        schema = TestDatabases.createSchema();
        URI target = URI.create(TestDatabases.POSTGRES.substring("jdbc:".length()));
        proxy = new TcpProxy(target.getHost(), target.getPort() < 0 ? 5432 : target.getPort());
    }

    @Override
    void afterGatewayStopped() {
        proxy.close();
        TestDatabases.dropSchema(schema);
    }

    @Override
    StorageSettings storage() {
        URI target = URI.create(TestDatabases.POSTGRES.substring("jdbc:".length()));
        String viaProxy = "jdbc:postgresql://127.0.0.1:" + proxy.port() + target.getRawPath()
                + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        return TestDatabases.postgres(viaProxy, schema);
    }

    @Override
    StorageSettings directStorage() {
        return TestDatabases.postgres(schema);
    }

    @Override
    void makeDatabaseUnreachable() {
        proxy.cut();
    }

    @Override
    void restoreDatabase() throws Exception {
        proxy.restore();
    }
}
