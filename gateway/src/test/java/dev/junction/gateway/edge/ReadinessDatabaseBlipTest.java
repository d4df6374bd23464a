package dev.junction.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.testing.TcpProxy;
import dev.junction.gateway.testing.TestDatabases;
import dev.junction.gateway.testing.TestGateway;
import dev.junction.protocol.Json;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL outage does not take the instance out of its load balancer: requests are still
 * served (their usage queues), so {@code /readyz} stays 200 and names the failing writes.
 */
@Tag("postgres")
class ReadinessDatabaseBlipTest {
    @TempDir
    Path dir;

    @Test
    void aDatabaseBlipDoesNotFailReadiness() throws Exception {
        String schema = TestDatabases.createSchema();
        URI target = URI.create(TestDatabases.POSTGRES.substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(target.getHost(), target.getPort() < 0 ? 5432 : target.getPort())) {
            String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + target.getRawPath() + "?"
                    + (target.getRawQuery() == null ? "" : target.getRawQuery() + "&") + "currentSchema=" + schema;
            try (TestGateway junction = TestGateway.start(dir, "storage:\n  url: \"" + url + "\"\n")) {
                String token = junction.issue("blip");
                assertThat(junction.get("/readyz", Map.of()).statusCode()).isEqualTo(200);

                proxy.cut();
                HttpResponse<String> served = junction.post("/v1/chat/completions", TestGateway.bearer(token),
                        "{\"model\":\"gemini-2.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
                assertThat(served.statusCode()).isEqualTo(200);
                HttpResponse<String> ready = junction.get("/readyz", Map.of());
                assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
                assertThat(Json.MAPPER.readTree(ready.body()).path("status").asText()).isEqualTo("ready");

                long deadline = System.currentTimeMillis() + 10_000;
                String detail = "";
                while (System.currentTimeMillis() < deadline && !detail.contains("failing")) {
                    detail = Json.MAPPER.readTree(junction.get("/readyz", Map.of()).body()).path("checks")
                            .path("usage_queue").path("detail").asText();
                    Thread.sleep(100);
                }
                assertThat(detail).contains("writes to the database are failing");
                assertThat(junction.get("/readyz", Map.of()).statusCode()).isEqualTo(200);
                proxy.restore();
            }
        } finally {
            TestDatabases.dropSchema(schema);
        }
    }
}
