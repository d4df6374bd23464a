package dev.junction.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.gateway.access.ModelAllowlist;
import dev.junction.gateway.access.NewToken;
import dev.junction.gateway.testing.TestGateway;
import dev.junction.gateway.usage.UsageQuery;
import dev.junction.protocol.Json;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API's usage records and summaries filtered by upstream and outcome, and summed per upstream. */
class AdminUsageFiltersTest {
    static final String ADMIN = "admin-token-usage-filters-0123456789";

    @TempDir
    Path dir;
    TestGateway junction;

    @BeforeEach
    void start() throws Exception {
        junction = TestGateway.start(dir, mockUrl -> """
                server:
                  port: 0
                data_dir: %s
                admin_token: "%s"
                upstreams:
                  - name: primary
                    base_url: %s
                    api_keys: [%s]
                    models: ["gemini-2.5-*"]
                  - name: backup
                    base_url: %s
                    api_keys: [%s]
                    models: ["gemini-2.0-*"]
                """.formatted(dir.resolve("data"), ADMIN, mockUrl, TestGateway.UPSTREAM_KEY, mockUrl,
                TestGateway.UPSTREAM_KEY));
        String secret = junction.issue(new NewToken("team", Optional.empty(),
                new ModelAllowlist(List.of("gemini-2.5-*", "gemini-2.0-*")), List.of(),
                dev.junction.gateway.access.TokenLimits.NONE));
        for (String model : List.of("gemini-2.5-flash", "gemini-2.5-pro", "gemini-2.0-flash", "gemini-1.5-pro")) {
            junction.post("/v1/chat/completions", TestGateway.bearer(secret),
                    "{\"model\":\"" + model + "\",\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        }
        UsageQuery all = new UsageQuery(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), Optional.empty(),
                Optional.empty());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (junction.gateway().operators().usage().find(all, Optional.empty(), 10).records().size() < 4) {
            assertThat(System.nanoTime()).as("records stored").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @AfterEach
    void stop() {
        junction.close();
    }

    JsonNode admin(String path, int status) throws Exception {
        var r = junction.get(path, TestGateway.bearer(ADMIN));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void recordsAreFilteredByUpstreamAndByOutcome() throws Exception {
        JsonNode backup = admin("/admin/v1/usage?upstream=backup", 200).get("data");
        assertThat(backup).extracting(r -> r.get("model").asText()).containsExactly("gemini-2.0-flash");
        assertThat(admin("/admin/v1/usage?upstream=primary", 200).get("data"))
                .extracting(r -> r.get("model").asText()).containsExactlyInAnyOrder("gemini-2.5-flash", "gemini-2.5-pro");

        JsonNode failed = admin("/admin/v1/usage?outcome=error", 200).get("data");
        assertThat(failed).extracting(r -> r.get("model").asText() + " " + r.get("status").asInt())
                .containsExactly("gemini-1.5-pro 403");
        assertThat(admin("/admin/v1/usage?outcome=ok", 200).get("data")).hasSize(3)
                .allSatisfy(r -> assertThat(r.get("status").asInt()).isEqualTo(200));
        assertThat(admin("/admin/v1/usage?outcome=error&upstream=primary", 200).get("data")).isEmpty();

        JsonNode bad = admin("/admin/v1/usage?outcome=maybe", 400);
        assertThat(bad.at("/error/param").asText()).isEqualTo("outcome");
        assertThat(bad.at("/error/message").asText()).isEqualTo("outcome must be ok or error");
    }

    @Test
    void summariesAddUpPerUpstreamAndTakeTheSameFilters() throws Exception {
        JsonNode summary = admin("/admin/v1/usage/summary?by=upstream", 200);
        assertThat(summary.get("by").asText()).isEqualTo("upstream");
        Map<String, String> perUpstream = new java.util.TreeMap<>();
        summary.get("rows").forEach(r -> perUpstream.put(r.get("upstream").asText(),
                r.get("requests").asInt() + " requests, " + r.get("errors").asInt() + " errors"));
        assertThat(perUpstream).containsEntry("primary", "2 requests, 0 errors")
                .containsEntry("backup", "1 requests, 0 errors");
        assertThat(perUpstream.values()).contains("1 requests, 1 errors");
        assertThat(summary.at("/totals/requests").asInt()).isEqualTo(4);

        JsonNode primaryOk = admin("/admin/v1/usage/summary?upstream=primary&outcome=ok&per=hour", 200);
        assertThat(primaryOk.at("/totals/requests").asInt()).isEqualTo(2);
        assertThat(primaryOk.get("rows")).hasSize(1);
        assertThat(admin("/admin/v1/usage/summary?by=region", 400).at("/error/message").asText())
                .isEqualTo("by must be token, model, upstream or none");
    }
}
