package dev.junction.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.access.BudgetPeriod;
import dev.junction.gateway.access.ModelAllowlist;
import dev.junction.gateway.access.NewToken;
import dev.junction.gateway.access.Token;
import dev.junction.gateway.access.TokenLimits;
import dev.junction.gateway.routing.UpstreamHealth;
import dev.junction.gateway.routing.Upstreams;
import dev.junction.gateway.testing.ScriptedUpstream;
import dev.junction.gateway.testing.TestGateway;
import dev.junction.gateway.usage.UsageRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that hangs up while the upstream is still thinking: the upstream call is cancelled
 * (the upstream sees its caller go), and the request is still metered and billed (the upstream
 * read its prompt and charges for it), so the budget reservation settles at that cost instead of
 * being handed back for nothing. The upstream is not blamed: no cooldown, no rested key.
 */
class ClientLeavesEarlyTest {
    static final String PROMPT = "x".repeat(4000); // about 1,000 estimated tokens

    @TempDir
    Path dir;

    ScriptedUpstream upstream;
    TestGateway junction;

    @BeforeEach
    void start() throws IOException {
        upstream = new ScriptedUpstream(new ScriptedUpstream.Act.Slow(5_000, ScriptedUpstream.ok("too late")));
        junction = TestGateway.start(dir, mockUrl -> """
                server:
                  port: 0
                data_dir: %s
                upstreams:
                  - name: thinker
                    base_url: %s
                    api_keys: [thinker-key-0001]
                    models: ["gemini-*"]
                    read_timeout: 30s
                """.formatted(dir.resolve("data"), upstream.baseUrl()));
    }

    @AfterEach
    void stop() throws IOException {
        junction.close();
        upstream.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "gemini,/v1beta/models/gemini-2.5-flash:generateContent",
            "openai,/v1/chat/completions",
            "openai stream,/v1/chat/completions"})
    void aClientThatLeavesBeforeTheUpstreamAnswersCancelsTheCallAndIsStillBilled(String door, String path)
            throws Exception {
        String secret = junction.issue(new NewToken("budgeted", Optional.empty(), ModelAllowlist.ANY, List.of(),
                new TokenLimits(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(1_000_000L),
                        Optional.of(BudgetPeriod.DAILY))));
        String body = door.startsWith("gemini")
                ? "{\"contents\":[{\"parts\":[{\"text\":\"" + PROMPT + "\"}]}],\"generationConfig\":{\"maxOutputTokens\":50}}"
                : "{\"model\":\"gemini-2.5-flash\",\"max_tokens\":50,\"stream\":" + door.endsWith("stream")
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}";

        long start = System.nanoTime();
        try (Socket client = new Socket("127.0.0.1", junction.gateway().port())) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            OutputStream out = client.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: junction\r\nAuthorization: Bearer " + secret
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            long wait = System.nanoTime() + 5_000_000_000L;
            while (upstream.calls() == 0 && System.nanoTime() < wait) {
                Thread.sleep(10);
            }
            assertThat(upstream.calls()).as("the upstream has the request").isEqualTo(1);
            Thread.sleep(200);
        } // the client hangs up

        long wait = System.nanoTime() + 3_000_000_000L;
        while (upstream.abandoned() == 0 && System.nanoTime() < wait) {
            Thread.sleep(10);
        }
        assertThat(upstream.abandoned()).as("the upstream call was cancelled before its answer").isEqualTo(1);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(4_000);

        UsageRecord record = junction.awaitRecords(r -> r.tokenName().equals(Optional.of("budgeted")), 1).get(0);
        assertThat(record.clientGone()).isTrue();
        assertThat(record.upstream()).isEqualTo("thinker");
        assertThat(record.estimated()).as("the upstream reported nothing: its usage is estimated").isTrue();
        assertThat(record.promptTokens()).isGreaterThanOrEqualTo(900);
        // gemini-2.5-flash input is $0.30 per million: about 1,000 prompt tokens cost about $0.0003.
        assertThat(record.costMicros()).isGreaterThanOrEqualTo(270);

        Token token = junction.gateway().tokens().byName("budgeted").orElseThrow();
        assertThat(junction.gateway().operators().limits().budgets().spent(token, Instant.now()))
                .as("the reservation settled at the request's cost, not at zero").isEqualTo(record.costMicros());

        Upstreams.Upstream thinker = junction.gateway().upstreams().all().get(0);
        assertThat(thinker.health().state()).isEqualTo(UpstreamHealth.State.HEALTHY);
        assertThat(thinker.provider().credentials().usableCount()).isEqualTo(1);
        assertThat(upstream.calls()).as("nothing was retried after the client left").isEqualTo(1);
    }
}
