package dev.junction.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.gateway.access.BudgetPeriod;
import dev.junction.gateway.access.ModelAllowlist;
import dev.junction.gateway.access.NewToken;
import dev.junction.gateway.access.TokenLimits;
import dev.junction.gateway.testing.FakeGemini;
import dev.junction.gateway.testing.MutableClock;
import dev.junction.gateway.testing.OpsGateway;
import dev.junction.gateway.testing.TestDatabases;
import dev.junction.gateway.usage.UsageRecord;
import dev.junction.protocol.Json;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Budgets never give tokens away: a model Junction cannot price is refused to a budgeted token
 * (or priced by {@code prices.default}), and a request reserves the output it may really
 * produce, its own {@code max_tokens} however large.
 */
class BudgetPricingTest {
    static final String UNPRICED = "gemini-unlisted-9";

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T12:00:00Z"));
    FakeGemini upstream;
    OpsGateway junction;

    @BeforeEach
    void startUpstream() throws IOException {
        upstream = new FakeGemini();
    }

    @AfterEach
    void stop() {
        if (junction != null) {
            junction.close();
        }
        upstream.close();
    }

    private String token(String name, Optional<Long> budgetMicros) {
        return junction.token(new NewToken(name, Optional.empty(), ModelAllowlist.ANY, List.of(),
                new TokenLimits(Optional.empty(), Optional.empty(), Optional.empty(), budgetMicros,
                        Optional.of(BudgetPeriod.DAILY)))).secret();
    }

    @Test
    void aModelWithNoPriceIsRefusedToABudgetedTokenWith403ModelNotPriced() throws Exception {
        junction = OpsGateway.start(dir, TestDatabases.sqlite(dir), upstream, clock, "");
        String budgeted = token("budgeted", Optional.of(1_000_000L));

        HttpResponse<String> gemini = junction.generate(budgeted, UNPRICED);
        assertThat(gemini.statusCode()).as(gemini.body()).isEqualTo(403);
        JsonNode google = Json.MAPPER.readTree(gemini.body()).path("error");
        assertThat(google.path("code").asInt()).isEqualTo(403);
        assertThat(google.path("status").asText()).isEqualTo("PERMISSION_DENIED");
        assertThat(google.path("message").asText()).contains(UNPRICED).contains("no price").contains("prices.default");

        HttpResponse<String> openai = junction.chat(budgeted, UNPRICED);
        assertThat(openai.statusCode()).as(openai.body()).isEqualTo(403);
        JsonNode error = Json.MAPPER.readTree(openai.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("model_not_priced");
        assertThat(error.path("message").asText()).contains(UNPRICED);

        assertThat(upstream.calls.get()).as("nothing went upstream").isZero();
        // A priced model is served to the same token, and an unpriced one to a token without a budget.
        assertThat(junction.generate(budgeted, "gemini-2.5-flash").statusCode()).isEqualTo(200);
        assertThat(junction.generate(token("unbudgeted", Optional.empty()), UNPRICED).statusCode()).isEqualTo(200);
    }

    @Test
    void aDefaultPricePricesEveryUnlistedModelSoABudgetedTokenMayUseItAndPaysForIt() {
        junction = OpsGateway.start(dir, TestDatabases.sqlite(dir), upstream, clock, """
                prices:
                  default:
                    input: 1.00
                    output: 10.00
                """);
        upstream.promptTokens = 1000;
        upstream.outputTokens = 500;
        String budgeted = token("budgeted", Optional.of(1_000_000L));

        HttpResponse<String> response = junction.generate(budgeted, UNPRICED);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        UsageRecord record = junction.awaitRecords(1, Duration.ofSeconds(5)).get(0);
        // 1000 x $1.00 + 500 x $10.00 per million tokens = $0.006
        assertThat(record.costMicros()).isEqualTo(6_000);
        assertThat(junction.gateway.operators().limits().budgets().spent(
                junction.gateway.tokens().byName("budgeted").orElseThrow(), clock.instant())).isEqualTo(6_000);
        // Listed models keep their own price.
        assertThat(junction.gateway.config().prices().price("gemini-2.5-flash").orElseThrow().model())
                .isEqualTo("gemini-2.5-flash*");
    }

    @Test
    void theOutputReservationIsTheRequestsOwnMaxTokensNotACap() throws Exception {
        junction = OpsGateway.start(dir, TestDatabases.sqlite(dir), upstream, clock, "");
        // gemini-2.5-flash output is $2.50 per million: 60,000 tokens reserve $0.15, over the
        // $0.10 budget; a reservation capped at 4,096 tokens ($0.01) would leave room for more.
        String budgeted = token("budgeted", Optional.of(100_000L));
        String large = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Write a long story.\"}]}],"
                + "\"generationConfig\":{\"maxOutputTokens\":60000}}";
        upstream.gate = new CountDownLatch(1);
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(
                () -> junction.generate(budgeted, "gemini-2.5-flash", large));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (upstream.inFlight.get() == 0 && System.nanoTime() < deadline) {
            OpsGateway.sleep(10);
        }
        assertThat(upstream.inFlight.get()).as("the first request is with the upstream").isEqualTo(1);

        HttpResponse<String> second = junction.generate(budgeted, "gemini-2.5-flash", large);
        assertThat(second.statusCode()).as("the first request's reservation holds the whole budget: " + second.body())
                .isEqualTo(429);
        assertThat(second.body()).contains("budget");

        upstream.gate.countDown();
        upstream.gate = null;
        assertThat(first.get().statusCode()).isEqualTo(200);
        junction.awaitRecords(1, Duration.ofSeconds(5));
        // Settled at what it really cost (10 prompt + 20 output tokens), the budget has room again.
        HttpResponse<String> third = junction.generate(budgeted, "gemini-2.5-flash", large);
        assertThat(third.statusCode()).as(third.body()).isEqualTo(200);
    }
}
