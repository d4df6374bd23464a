package dev.junction.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.gateway.config.ConfigLoader;
import dev.junction.gateway.config.JunctionConfig;
import dev.junction.gateway.config.UpstreamSettings;
import dev.junction.gateway.providers.ProviderContext;
import dev.junction.gateway.providers.ProviderKinds;
import dev.junction.gateway.config.RoutingSettings;
import dev.junction.gateway.relay.Target;
import dev.junction.protocol.model.GatewayException;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Candidates for a model: aliases, patterns, priorities and weights, from a real configuration. */
class UpstreamsTest {
    @TempDir
    Path dir;

    private final Vertx vertx = Vertx.vertx();
    private Upstreams upstreams;

    @AfterEach
    void close() {
        if (upstreams != null) {
            upstreams.close();
        }
        vertx.close();
    }

    private Upstreams load(String yaml) throws IOException {
        Path file = dir.resolve("junction.yaml");
        Files.writeString(file, "data_dir: " + dir + "\nupstreams:\n" + yaml);
        JunctionConfig config = new ConfigLoader(Map.of(), ProviderKinds.all()).load(Optional.of(file), dir);
        ProviderContext context = new ProviderContext(vertx, Clock.systemUTC(), config);
        List<Upstreams.Upstream> list = config.upstreams().stream().map((UpstreamSettings s) -> new Upstreams.Upstream(
                s, ProviderKinds.named(s.type()).orElseThrow().create(s, context))).toList();
        upstreams = new Upstreams(list, RoutingSettings.DEFAULTS, Clock.systemUTC(), () -> new SplittableRandom(42));
        return upstreams;
    }

    private static List<String> names(List<Target> targets) {
        return targets.stream().map(t -> t.provider().name() + "=" + t.model()).toList();
    }

    @Test
    void priorityOrdersTheCandidatesAndAliasesNameTheVendorsModel() throws IOException {
        Upstreams u = load("""
                  - {name: backup, base_url: "http://127.0.0.1:1", api_keys: [k], priority: 5}
                  - {name: main, base_url: "http://127.0.0.1:2", api_keys: [k], models: ["gemini-2.5-*"],
                     model_map: {fast: gemini-2.5-flash-lite}}
                """);
        assertThat(names(u.candidates("gemini-2.5-pro").targets()))
                .containsExactly("main=gemini-2.5-pro", "backup=gemini-2.5-pro");
        assertThat(names(u.candidates("fast").targets())).containsExactly("main=gemini-2.5-flash-lite");
        assertThat(names(u.candidates("gemini-3-pro").targets())).containsExactly("backup=gemini-3-pro");
        assertThatThrownBy(() -> u.candidates("gpt-4o")).isInstanceOf(GatewayException.class)
                .hasMessageContaining("gpt-4o");
    }

    @Test
    void weightsShareTheFirstPlaceWithinOnePriority() throws IOException {
        Upstreams u = new Upstreams(load("""
                  - {name: a, base_url: "http://127.0.0.1:1", api_keys: [k], weight: 3}
                  - {name: b, base_url: "http://127.0.0.1:2", api_keys: [k], weight: 1}
                  - {name: c, base_url: "http://127.0.0.1:3", api_keys: [k], weight: 0}
                """).all(), RoutingSettings.DEFAULTS, Clock.systemUTC(), new SplittableRandom(7)::split);
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            List<Target> targets = u.candidates("gemini-2.5-flash").targets();
            assertThat(targets).hasSize(3);
            assertThat(targets.get(2).provider().name()).as("weight 0 comes last").isEqualTo("c");
            first.merge(targets.get(0).provider().name(), 1, Integer::sum);
        }
        assertThat(first.get("a")).isBetween(700, 800); // 750 expected
        assertThat(first.get("b")).isBetween(200, 300); // 250 expected
        assertThat(first).doesNotContainKey("c");
    }
}
