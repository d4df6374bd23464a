package dev.junction.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.gateway.testing.FakeGemini;
import dev.junction.gateway.testing.MutableClock;
import dev.junction.gateway.testing.OpsGateway;
import dev.junction.gateway.testing.TestDatabases;
import dev.junction.protocol.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminApiTest {
    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T12:00:00Z"));
    FakeGemini upstream;
    OpsGateway junction;

    @BeforeEach
    void start() throws Exception {
        upstream = new FakeGemini();
        junction = OpsGateway.start(dir, TestDatabases.sqlite(dir), upstream, clock, "");
    }

    @AfterEach
    void stop() {
        junction.close();
        upstream.close();
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void tokensAreCreatedListedUpdatedAndRevokedAndEveryChangeIsAudited() throws Exception {
        HttpResponse<String> created = junction.admin("POST", "/admin/v1/tokens", """
                {"name": "team-a", "models": ["gemini-2.5-*"], "rpm": 2, "budget_usd": "5", "budget_period": "monthly",
                 "expires_at": "2027-01-01"}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String secret = json(created).get("secret").asText();
        JsonNode token = json(created).get("token");
        assertThat(secret).startsWith("jn-");
        assertThat(token.get("rpm").asInt()).isEqualTo(2);
        assertThat(token.get("budget_usd").asText()).isEqualTo("5.00");
        assertThat(token.get("spent_usd").asText()).isEqualTo("0.00");
        assertThat(token.get("expires_at").asText()).isEqualTo("2027-01-01T00:00:00Z");
        assertThat(created.body()).doesNotContain(json(created).path("token").path("id").asText() + secret);

        assertThat(junction.generate(secret, "gemini-2.5-flash").statusCode()).isEqualTo(200);
        assertThat(junction.generate(secret, "gemini-2.0-flash").statusCode()).isEqualTo(403);

        HttpResponse<String> updated = junction.admin("PATCH", "/admin/v1/tokens/team-a",
                "{\"rpm\": null, \"tpm\": 100000, \"models\": null}");
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(json(updated).get("rpm").isNull()).isTrue();
        assertThat(json(updated).get("tpm").asInt()).isEqualTo(100000);
        assertThat(junction.generate(secret, "gemini-2.0-flash").statusCode()).as("visible at once").isEqualTo(200);

        JsonNode list = json(junction.admin("GET", "/admin/v1/tokens", null));
        assertThat(list.get("data")).hasSize(1);
        assertThat(list.toString()).doesNotContain(secret);
        assertThat(json(junction.admin("GET", "/admin/v1/tokens/team-a", null)).get("spent_usd").asText())
                .isNotEqualTo("0.00");

        HttpResponse<String> revoked = junction.admin("DELETE", "/admin/v1/tokens/team-a", null);
        assertThat(json(revoked).get("status").asText()).isEqualTo("revoked");
        assertThat(junction.generate(secret, "gemini-2.5-flash").statusCode()).isEqualTo(401);

        JsonNode audit = json(junction.admin("GET", "/admin/v1/audit", null)).get("data");
        assertThat(audit).extracting(e -> e.get("action").asText())
                .containsExactly("token.create", "token.update", "token.revoke");
        assertThat(audit.get(0).get("actor").asText()).isEqualTo("admin-api@127.0.0.1");
        assertThat(audit.get(1).get("details").get("tpm").asInt()).isEqualTo(100000);
        assertThat(audit.toString()).doesNotContain(secret);
    }

    @Test
    void usageIsQueriedRawAndAggregatedWithTotals() throws Exception {
        String secret = json(junction.admin("POST", "/admin/v1/tokens", "{\"name\": \"team-b\"}")).get("secret")
                .asText();
        for (int i = 0; i < 3; i++) {
            junction.generate(secret, "gemini-2.5-flash");
            clock.advance(Duration.ofHours(1));
        }
        junction.generate(secret, "gemini-2.5-pro");
        junction.awaitRecords(4, Duration.ofSeconds(10));

        JsonNode page = json(junction.admin("GET", "/admin/v1/usage?token=team-b&since=2026-03-10&limit=3", null));
        assertThat(page.get("data")).hasSize(3);
        assertThat(page.get("data").get(0).get("model").asText()).isEqualTo("gemini-2.5-pro");
        String cursor = page.get("next_cursor").asText();
        JsonNode rest = json(junction.admin("GET", "/admin/v1/usage?token=team-b&since=2026-03-10&limit=3&cursor="
                + cursor, null));
        assertThat(rest.get("data")).hasSize(1);
        assertThat(rest.get("next_cursor").isNull()).isTrue();

        JsonNode byModel = json(junction.admin("GET", "/admin/v1/usage/summary?by=model&since=2026-03-10"
                + "&until=2026-03-11", null));
        assertThat(byModel.get("rows")).extracting(r -> r.get("model").asText())
                .containsExactly("gemini-2.5-flash", "gemini-2.5-pro");
        assertThat(byModel.get("rows").get(0).get("requests").asInt()).isEqualTo(3);
        assertThat(byModel.get("totals").get("requests").asInt()).isEqualTo(4);
        assertThat(byModel.get("totals").get("total_tokens").asInt()).isEqualTo(4 * 30);

        JsonNode hourly = json(junction.admin("GET", "/admin/v1/usage/summary?by=token&per=hour&since=2026-03-10"
                + "&until=2026-03-11", null));
        assertThat(hourly.get("rows")).hasSize(4);
        assertThat(hourly.get("rows").get(0).get("period").asText()).isEqualTo("2026-03-10T12:00:00Z");
        JsonNode daily = json(junction.admin("GET", "/admin/v1/usage/summary?per=day&since=2026-03-10"
                + "&until=2026-03-11", null));
        assertThat(daily.get("rows")).hasSize(1);
        assertThat(daily.get("totals").get("cost_usd").asText()).isNotEqualTo("0.00");
    }

    @Test
    void badInputGetsAClear400AndOnlyTheAdminTokenWorks() throws Exception {
        HttpResponse<String> bad = junction.admin("POST", "/admin/v1/tokens", "{\"name\": \"x\", \"rpm\": -1}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("error").get("param").asText()).isEqualTo("rpm");
        assertThat(junction.admin("POST", "/admin/v1/tokens", "{\"name\": \"x\", \"rmp\": 1}").body())
                .contains("unknown field 'rmp'");
        assertThat(junction.admin("POST", "/admin/v1/tokens", "not json").statusCode()).isEqualTo(400);
        assertThat(junction.admin("GET", "/admin/v1/usage/summary?by=team", null).statusCode()).isEqualTo(400);
        assertThat(junction.admin("GET", "/admin/v1/usage?since=yesterday", null).statusCode()).isEqualTo(400);
        assertThat(junction.admin("PATCH", "/admin/v1/tokens/nobody", "{\"rpm\": 1}").statusCode()).isEqualTo(404);
        junction.admin("POST", "/admin/v1/tokens", "{\"name\": \"dup\"}");
        assertThat(junction.admin("POST", "/admin/v1/tokens", "{\"name\": \"dup\"}").statusCode()).isEqualTo(409);

        String userSecret = json(junction.admin("POST", "/admin/v1/tokens", "{\"name\": \"user\"}")).get("secret")
                .asText();
        HttpResponse<String> asUser = junction.send(HttpRequest.newBuilder(URI.create(junction.url(
                "/admin/v1/tokens"))).header("Authorization", "Bearer " + userSecret).GET().build());
        assertThat(asUser.statusCode()).isEqualTo(401);
        HttpResponse<String> none = junction.send(HttpRequest.newBuilder(URI.create(junction.url("/admin/v1/tokens")))
                .GET().build());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(json(junction.admin("GET", "/admin/v1/status", null)).get("usage_writer").get("dropped").asInt())
                .isZero();
    }
}
