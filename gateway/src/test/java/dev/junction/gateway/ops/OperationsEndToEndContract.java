package dev.junction.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.access.BudgetPeriod;
import dev.junction.gateway.access.CidrBlock;
import dev.junction.gateway.access.IssuedToken;
import dev.junction.gateway.access.ModelAllowlist;
import dev.junction.gateway.access.NewToken;
import dev.junction.gateway.access.TokenLimits;
import dev.junction.gateway.store.StorageSettings;
import dev.junction.gateway.store.Database;
import dev.junction.gateway.testing.FakeGemini;
import dev.junction.gateway.testing.MutableClock;
import dev.junction.gateway.testing.OpsGateway;
import dev.junction.gateway.usage.JdbcUsageStore;
import dev.junction.gateway.usage.UsageQuery;
import dev.junction.gateway.usage.UsageRecord;
import dev.junction.protocol.Json;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tokens, limits, budgets and metering through the real gateway (Gemini-native clients, a fake
 * Gemini upstream), run once per store. Time is a {@link MutableClock}: limit and expiry tests
 * move it instead of sleeping.
 */
abstract class OperationsEndToEndContract {
    /** A prompt of about 100 estimated tokens (400 characters). */
    static final String PROMPT = "x".repeat(400);

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T12:00:00Z"));
    FakeGemini upstream;
    OpsGateway junction;

    /** Where this store's gateway keeps its data. */
    abstract StorageSettings storage() throws Exception;

    /** The same database as the gateway sees it, for reading after the gateway stopped. */
    abstract StorageSettings directStorage();

    abstract void makeDatabaseUnreachable() throws Exception;

    abstract void restoreDatabase() throws Exception;

    @BeforeEach
    void startUpstream() throws Exception {
        upstream = new FakeGemini();
    }

    @AfterEach
    void stop() throws Exception {
        if (junction != null) {
            junction.close();
        }
        upstream.close();
        afterGatewayStopped();
    }

    /** Cleans up the store once the gateway has drained into it. */
    void afterGatewayStopped() throws Exception {}

    void start(String extraYaml) throws Exception {
        junction = OpsGateway.start(dir, storage(), upstream, clock, extraYaml + limitsYaml());
    }

    /** The {@code limits:} section: none (in-process counters) unless a variant shares them. */
    String limitsYaml() {
        return "";
    }

    static NewToken limited(String name, TokenLimits limits) {
        return new NewToken(name, Optional.empty(), ModelAllowlist.ANY, List.of(), limits);
    }

    static TokenLimits limits(Integer rpm, Integer tpm, Integer concurrency, Long budgetMicros) {
        return new TokenLimits(Optional.ofNullable(rpm), Optional.ofNullable(tpm), Optional.ofNullable(concurrency),
                Optional.ofNullable(budgetMicros), Optional.of(BudgetPeriod.DAILY));
    }

    static String body(int maxOutputTokens) {
        return "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"" + PROMPT + "\"}]}],"
                + "\"generationConfig\":{\"maxOutputTokens\":" + maxOutputTokens + "}}";
    }

    @Test
    void aBudgetHoldsUnderFiftyConcurrentRequests() throws Exception {
        start("");
        // gemini-2.5-flash: $0.30 in, $2.50 out per million. Each call reserves about
        // 101 x 0.30 + 2000 x 2.50 = 5,030 micro-dollars and costs 100 x 0.30 + 1000 x 2.50 = 2,530.
        upstream.promptTokens = 100;
        upstream.outputTokens = 1000;
        long budget = 50_000;
        long reservation = 5_031;
        IssuedToken token = junction.token(limited("budgeted", limits(null, null, null, budget)));

        upstream.gate = new CountDownLatch(1);
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<HttpResponse<String>>> wave = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            wave.add(pool.submit(() -> junction.generate(token.secret(), "gemini-2.5-flash", body(2000))));
        }
        // Wait until every request is either refused or held upstream, then let them finish.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (upstream.inFlight.get() + wave.stream().filter(Future::isDone).count() < 50
                && System.nanoTime() < deadline) {
            OpsGateway.sleep(10);
        }
        upstream.gate.countDown();
        upstream.gate = null;
        settled();
        int ok = 0;
        int refused = 0;
        for (Future<HttpResponse<String>> f : wave) {
            HttpResponse<String> r = f.get();
            if (r.statusCode() == 200) {
                ok++;
            } else {
                refused++;
                assertThat(r.statusCode()).isEqualTo(429);
                assertThat(r.body()).contains("RESOURCE_EXHAUSTED").contains("budget");
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
            }
        }
        assertThat(ok).as("admitted while spent + reserved < budget").isBetween(9, 10);
        assertThat(refused).isEqualTo(50 - ok);

        // Keep sending waves of 50 until the budget is spent.
        for (int round = 0; round < 10; round++) {
            List<Future<HttpResponse<String>>> more = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                more.add(pool.submit(() -> junction.generate(token.secret(), "gemini-2.5-flash", body(2000))));
            }
            int passed = 0;
            for (Future<HttpResponse<String>> f : more) {
                passed += f.get().statusCode() == 200 ? 1 : 0;
            }
            settled();
            if (passed == 0) {
                break;
            }
        }
        pool.shutdown();
        long spent = junction.gateway.operators().limits().budgets().spent(junction.gateway.tokens()
                .byName("budgeted").orElseThrow(), clock.instant());
        assertThat(spent).isGreaterThanOrEqualTo(budget).isLessThanOrEqualTo(budget + reservation);
        int calls = upstream.calls.get();
        List<UsageRecord> records = junction.awaitRecords(calls, Duration.ofSeconds(10));
        long recorded = records.stream().filter(r -> r.status() == 200).mapToLong(UsageRecord::costMicros).sum();
        assertThat(recorded).isEqualTo(spent).isEqualTo(calls * 2_530L);
    }

    /** Waits until every request the upstream saw has settled (its record is stored after that). */
    void settled() {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (junction.records().stream().filter(r -> r.status() == 200).count() < upstream.calls.get()
                && System.nanoTime() < deadline) {
            OpsGateway.sleep(20);
        }
    }

    @Test
    void limitsAnswerEachClientInItsOwnProtocol() throws Exception {
        start("");
        IssuedToken broke = junction.token(limited("broke", limits(null, null, null, 0L)));
        HttpResponse<String> gemini = junction.generate(broke.secret(), "gemini-2.5-flash");
        assertThat(gemini.statusCode()).isEqualTo(429);
        assertThat(Json.MAPPER.readTree(gemini.body()).at("/error/status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
        HttpResponse<String> openai = junction.chat(broke.secret(), "gemini-2.5-flash");
        assertThat(openai.statusCode()).isEqualTo(429);
        assertThat(Json.MAPPER.readTree(openai.body()).at("/error/code").asText()).isEqualTo("insufficient_quota");
        assertThat(Json.MAPPER.readTree(openai.body()).at("/error/type").asText()).isEqualTo("insufficient_quota");
        assertThat(openai.headers().firstValue("Retry-After")).isPresent();

        IssuedToken paced = junction.token(limited("paced", limits(1, null, null, null)));
        HttpResponse<String> ok = junction.chat(paced.secret(), "gemini-2.5-flash");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ok.headers().firstValue("x-ratelimit-limit-requests")).contains("1");
        HttpResponse<String> limited = junction.chat(paced.secret(), "gemini-2.5-flash");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(Json.MAPPER.readTree(limited.body()).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(limited.headers().firstValue("Retry-After")).contains("60");
        assertThat(limited.headers().firstValue("x-ratelimit-remaining-requests")).contains("0");
        assertThat(upstream.calls.get()).isEqualTo(1);
    }

    @Test
    void requestsPerMinuteAreLimitedWithOpenAiHeadersAndRetryAfter() throws Exception {
        start("");
        IssuedToken token = junction.token(limited("rpm", limits(3, null, null, null)));
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = junction.generate(token.secret(), "gemini-2.5-flash");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("x-ratelimit-limit-requests")).contains("3");
            assertThat(r.headers().firstValue("x-ratelimit-remaining-requests")).contains(Integer.toString(2 - i));
            assertThat(r.headers().firstValue("x-ratelimit-reset-requests")).contains(List.of("20s", "40s", "1m0s").get(i));
        }
        HttpResponse<String> refused = junction.generate(token.secret(), "gemini-2.5-flash");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("RESOURCE_EXHAUSTED").contains("requests per minute");
        assertThat(refused.headers().firstValue("Retry-After")).contains("20");
        assertThat(refused.headers().firstValue("x-ratelimit-remaining-requests")).contains("0");

        clock.advance(Duration.ofSeconds(20));
        assertThat(junction.generate(token.secret(), "gemini-2.5-flash").statusCode()).isEqualTo(200);
        assertThat(upstream.calls.get()).isEqualTo(4);
    }

    @Test
    void tokensPerMinuteReserveUpFrontAndSettleAfter() throws Exception {
        start("");
        IssuedToken token = junction.token(limited("tpm", limits(null, 1000, null, null)));
        upstream.promptTokens = 10;
        upstream.outputTokens = 900;
        // Reserves about 105 (5 of prompt, 100 of output); the upstream then uses 910.
        HttpResponse<String> first = junction.generate(token.secret(), "gemini-2.5-flash", "{\"contents\":[{\"parts\":"
                + "[{\"text\":\"hello\"}]}],\"generationConfig\":{\"maxOutputTokens\":100}}");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("x-ratelimit-limit-tokens")).contains("1000");
        assertThat(Integer.parseInt(first.headers().firstValue("x-ratelimit-remaining-tokens").orElseThrow()))
                .isBetween(890, 900);
        // The response leaves before the request settles; the record is stored after it has.
        junction.awaitRecords(1, Duration.ofSeconds(10));

        HttpResponse<String> refused = junction.generate(token.secret(), "gemini-2.5-flash", "{\"contents\":[{\"parts\":"
                + "[{\"text\":\"hello\"}]}],\"generationConfig\":{\"maxOutputTokens\":100}}");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("RESOURCE_EXHAUSTED").contains("tokens per minute");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.headers().firstValue("x-ratelimit-limit-tokens")).contains("1000");

        clock.advance(Duration.ofMinutes(1));
        assertThat(junction.generate(token.secret(), "gemini-2.5-flash").statusCode()).isEqualTo(200);
        assertThat(upstream.calls.get()).isEqualTo(2);
    }

    @Test
    void theRequestOverTheConcurrencyLimitIsRefusedAtOnce() throws Exception {
        start("");
        IssuedToken token = junction.token(limited("concurrent", limits(null, null, 2, null)));
        upstream.gate = new CountDownLatch(1);
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        Future<HttpResponse<String>> a = pool.submit(() -> junction.generate(token.secret(), "gemini-2.5-flash"));
        Future<HttpResponse<String>> b = pool.submit(() -> junction.generate(token.secret(), "gemini-2.5-flash"));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (upstream.inFlight.get() < 2 && System.nanoTime() < deadline) {
            OpsGateway.sleep(10);
        }
        long start = System.nanoTime();
        HttpResponse<String> third = junction.generate(token.secret(), "gemini-2.5-flash");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.body()).contains("RESOURCE_EXHAUSTED").contains("2 at once");
        upstream.gate.countDown();
        assertThat(a.get().statusCode()).isEqualTo(200);
        assertThat(b.get().statusCode()).isEqualTo(200);
        upstream.gate = null;
        assertThat(junction.generate(token.secret(), "gemini-2.5-flash").statusCode()).isEqualTo(200);
        pool.shutdown();
    }

    @Test
    void revokedAndExpiredTokensStopWorking() throws Exception {
        start("");
        IssuedToken expiring = junction.token(new NewToken("expiring", Optional.of(clock.instant().plus(
                Duration.ofHours(1))), ModelAllowlist.ANY, List.of(), TokenLimits.NONE));
        assertThat(junction.generate(expiring.secret(), "gemini-2.5-flash").statusCode()).isEqualTo(200);
        clock.advance(Duration.ofHours(2));
        HttpResponse<String> expired = junction.generate(expiring.secret(), "gemini-2.5-flash");
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.body()).contains("expired");

        IssuedToken revoked = junction.token(NewToken.named("revoked"));
        assertThat(junction.generate(revoked.secret(), "gemini-2.5-flash").statusCode()).isEqualTo(200);
        // Revoked in the database as another instance (or the CLI) would: the periodic refresh
        // must make it stop working within 5 seconds.
        junction.gateway.tokens().revoke("revoked");
        long start = System.nanoTime();
        int status = 200;
        while (status == 200 && System.nanoTime() - start < Duration.ofSeconds(5).toNanos()) {
            status = junction.generate(revoked.secret(), "gemini-2.5-flash").statusCode();
            if (status == 200) {
                OpsGateway.sleep(100);
            }
        }
        assertThat(status).isEqualTo(401);
    }

    @Test
    void modelsOutsideTheAllowlistAndClientsOutsideTheCidrsAreRefused() throws Exception {
        start("");
        IssuedToken models = junction.token(new NewToken("flash-only", Optional.empty(),
                new ModelAllowlist(List.of("gemini-2.5-*")), List.of(), TokenLimits.NONE));
        assertThat(junction.generate(models.secret(), "gemini-2.5-flash").statusCode()).isEqualTo(200);
        HttpResponse<String> wrongModel = junction.generate(models.secret(), "gemini-2.0-flash");
        assertThat(wrongModel.statusCode()).isEqualTo(403);
        assertThat(wrongModel.body()).contains("PERMISSION_DENIED");

        IssuedToken office = junction.token(new NewToken("office", Optional.empty(), ModelAllowlist.ANY,
                List.of(CidrBlock.parse("10.0.0.0/8")), TokenLimits.NONE));
        HttpResponse<String> wrongPlace = junction.generate(office.secret(), "gemini-2.5-flash");
        assertThat(wrongPlace.statusCode()).isEqualTo(403);
        assertThat(wrongPlace.body()).contains("may not be used from 127.0.0.1");
        assertThat(upstream.calls.get()).isEqualTo(1);
    }

    @Test
    void aStreamCutByTheClientIsBilledForWhatTheUpstreamProduced() throws Exception {
        start("");
        upstream.streamEvents = 100;
        upstream.eventDelayMillis = 20;
        upstream.outputTokens = 1000;
        IssuedToken token = junction.token(NewToken.named("streamer"));
        try (Socket socket = new Socket("127.0.0.1", junction.gateway.port())) {
            String body = body(2000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nx-goog-api-key: " + token.secret() + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            String seen = "";
            byte[] buffer = new byte[4096];
            while (!seen.contains("part 3")) {
                int n = in.read(buffer);
                assertThat(n).as("stream so far: %s", seen).isPositive();
                seen += new String(buffer, 0, n, StandardCharsets.UTF_8);
            }
        }
        UsageRecord record = junction.awaitRecords(1, Duration.ofSeconds(10)).get(0);
        assertThat(record.clientGone()).isTrue();
        assertThat(record.stream()).isTrue();
        assertThat(record.estimated()).isFalse();
        assertThat(record.outputTokens()).isBetween(30, 999);
        assertThat(record.costMicros()).isPositive();
        assertThat(record.tokenName()).contains("streamer");
    }

    @Test
    void anUpstreamThatReportsNoUsageIsEstimatedAndSaysSo() throws Exception {
        start("");
        upstream.reportUsage = false;
        IssuedToken token = junction.token(NewToken.named("estimated"));
        assertThat(junction.generate(token.secret(), "gemini-2.5-flash", body(100)).statusCode()).isEqualTo(200);
        UsageRecord record = junction.awaitRecords(1, Duration.ofSeconds(10)).get(0);
        assertThat(record.estimated()).isTrue();
        assertThat(record.promptTokens()).isBetween(100, 110);
        assertThat(record.outputTokens()).isPositive();
        assertThat(record.costMicros()).isPositive();
    }

    @Test
    void aStopDuringLoadLeavesOneRecordPerCompletedRequest() throws Exception {
        start("");
        upstream.eventDelayMillis = 5;
        IssuedToken token = junction.token(NewToken.named("load"));
        Set<String> completed = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        for (int i = 0; i < 16; i++) {
            pool.submit(() -> {
                while (running.get()) {
                    try {
                        HttpResponse<String> r = junction.generate(token.secret(), "gemini-2.5-flash");
                        if (r.statusCode() == 200) {
                            completed.add(r.headers().firstValue("x-request-id").orElseThrow());
                        }
                    } catch (RuntimeException e) {
                        // The gateway is stopping: connection refused or reset. Back off rather
                        // than spin, which would starve the virtual threads relaying to the database.
                        OpsGateway.sleep(50);
                    }
                }
            });
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (completed.size() < 200 && System.nanoTime() < deadline) {
            OpsGateway.sleep(10);
        }
        junction.close(); // what SIGTERM does (ServeCommand's shutdown hook)
        junction = null;
        running.set(false);
        pool.shutdown();
        pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);

        try (Database database = Database.open(directStorage())) {
            Set<String> stored = new JdbcUsageStore(database).find(new UsageQuery(Instant.EPOCH,
                    Instant.parse("2100-01-01T00:00:00Z"), Optional.empty(), Optional.empty()), Optional.empty(), 100_000)
                    .records().stream().map(UsageRecord::requestId).collect(Collectors.toSet());
            assertThat(completed).hasSizeGreaterThanOrEqualTo(200);
            assertThat(stored).containsAll(completed);
        }
    }

    @Test
    void recordsWaitWhileTheDatabaseIsUnreachableAndNoneAreLost() throws Exception {
        start("""
                usage:
                  drain_timeout: 20s
                """);
        IssuedToken token = junction.token(NewToken.named("resilient"));
        for (int i = 0; i < 5; i++) {
            assertThat(junction.generate(token.secret(), "gemini-2.5-flash").statusCode()).isEqualTo(200);
        }
        assertThat(junction.awaitRecords(5, Duration.ofSeconds(10))).hasSize(5);

        makeDatabaseUnreachable();
        try {
            for (int i = 0; i < 20; i++) {
                assertThat(junction.generate(token.secret(), "gemini-2.5-flash").statusCode())
                        .as("serving goes on without the database").isEqualTo(200);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while ((!junction.gateway.operators().writer().stats().failing()
                    || junction.gateway.operators().writer().stats().queued() < 20) && System.nanoTime() < deadline) {
                OpsGateway.sleep(50);
            }
            assertThat(junction.gateway.operators().writer().stats().failing()).isTrue();
            assertThat(junction.gateway.operators().writer().stats().queued()).isEqualTo(20);
        } finally {
            restoreDatabase();
        }
        assertThat(junction.awaitRecords(25, Duration.ofSeconds(30))).hasSize(25);
        assertThat(junction.gateway.operators().writer().stats().dropped()).isZero();
    }
}
