package dev.junction.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.gateway.config.ConfigLoader;
import dev.junction.gateway.config.JunctionConfig;
import dev.junction.gateway.providers.ProviderKinds;
import dev.junction.gateway.testing.ScriptedUpstream;
import dev.junction.gateway.testing.TestGateway;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upstreams replaced while the gateway serves: new requests go to the new set at once, a request
 * under way finishes on the old one, no request fails, and a configuration without upstreams is
 * refused with the old set kept.
 */
class ReloadTest {
    private static final String OPENAI = "{\"model\":\"gemini-2.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @TempDir
    Path dir;

    ScriptedUpstream a;
    ScriptedUpstream b;
    TestGateway junction;
    String token;

    @BeforeEach
    void start() throws IOException {
        a = new ScriptedUpstream(ScriptedUpstream.ok("from A"));
        b = new ScriptedUpstream(ScriptedUpstream.ok("from B"));
        junction = TestGateway.start(dir, mockUrl -> yaml(a));
        token = junction.issue("reload");
    }

    @AfterEach
    void stop() throws IOException {
        junction.close();
        a.close();
        b.close();
    }

    private String yaml(ScriptedUpstream upstream) {
        return """
                server:
                  port: 0
                data_dir: %s
                upstreams:
                  - name: only
                    base_url: %s
                    api_keys: [key-1]
                    models: ["gemini-*"]
                """.formatted(dir.resolve("data"), upstream.baseUrl());
    }

    private JunctionConfig read(String yaml) throws IOException {
        Path file = dir.resolve("reloaded.yaml");
        Files.writeString(file, yaml);
        return new ConfigLoader(Map.of(), ProviderKinds.all()).load(Optional.of(file), dir);
    }

    private HttpResponse<String> ask() {
        return junction.post("/v1/chat/completions", TestGateway.bearer(token), OPENAI);
    }

    @Test
    void underLoadNoRequestFailsAndNewRequestsGoToTheNewUpstreams() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<HttpResponse<String>> answers = new ConcurrentLinkedQueue<>();
        try (ExecutorService load = Executors.newFixedThreadPool(4)) {
            List<Future<?>> workers = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                workers.add(load.submit(() -> {
                    while (running.get()) {
                        answers.add(ask());
                    }
                }));
            }
            Thread.sleep(500);
            assertThat(junction.gateway().reload(read(yaml(b)))).isEqualTo(1);
            Thread.sleep(500);
            running.set(false);
            for (Future<?> w : workers) {
                w.get();
            }
        }
        assertThat(answers).isNotEmpty();
        assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(200));
        assertThat(answers).anySatisfy(r -> assertThat(r.body()).contains("from A"));
        assertThat(answers).anySatisfy(r -> assertThat(r.body()).contains("from B"));
        int callsOfA = a.calls();
        assertThat(ask().body()).contains("from B");
        assertThat(a.calls()).isEqualTo(callsOfA);
    }

    @Test
    void aRequestUnderWayFinishesOnTheOldUpstreams() throws Exception {
        a.then(new ScriptedUpstream.Act.Halting(ScriptedUpstream.geminiAnswer("slow from A"), 1000));
        try (ExecutorService one = Executors.newSingleThreadExecutor()) {
            Future<HttpResponse<String>> slow = one.submit(this::ask);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (a.calls() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5); // until A has the request and its answer has begun
            }
            assertThat(a.calls()).isEqualTo(1);
            junction.gateway().reload(read(yaml(b)));
            assertThat(ask().body()).contains("from B");
            HttpResponse<String> finished = slow.get();
            assertThat(finished.statusCode()).isEqualTo(200);
            assertThat(finished.body()).contains("slow from A");
        }
    }

    @Test
    void aConfigurationWithoutUpstreamsIsRefusedAndTheOldOnesStay() throws IOException {
        JunctionConfig empty = read("data_dir: " + dir.resolve("data") + "\n");
        assertThatThrownBy(() -> junction.gateway().reload(empty)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("in use stay");
        assertThat(ask().body()).contains("from A");
    }

    @Test
    void anUpstreamKeepsItsHealthAcrossAReload() throws IOException {
        var before = junction.gateway().upstreams().named("only").orElseThrow().health();
        junction.gateway().reload(read(yaml(b)));
        assertThat(junction.gateway().upstreams().named("only").orElseThrow().health()).isSameAs(before);
    }
}
