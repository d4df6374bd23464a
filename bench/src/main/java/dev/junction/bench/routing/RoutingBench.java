package dev.junction.bench.routing;

import dev.junction.gateway.config.ConfigLoader;
import dev.junction.gateway.config.JunctionConfig;
import dev.junction.gateway.config.RoutingSettings;
import dev.junction.gateway.providers.ProviderContext;
import dev.junction.gateway.providers.ProviderKinds;
import dev.junction.gateway.relay.Candidates;
import dev.junction.gateway.routing.UpstreamHealth;
import dev.junction.gateway.routing.Upstreams;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What routing costs a request: finding the candidates for a model (matching names and
 * patterns, the health and key checks, the weighted order) among one upstream, or among six
 * (two priorities, weights, an alias). Compare with the tens of microseconds a relayed request
 * takes in all (README, Performance).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RoutingBench {
    @Param({"1", "6"})
    public int upstreamCount;

    private Vertx vertx;
    private Upstreams upstreams;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        vertx = Vertx.vertx();
        StringBuilder yaml = new StringBuilder("upstreams:\n");
        for (int i = 0; i < upstreamCount; i++) {
            yaml.append("  - {name: u").append(i).append(", base_url: \"http://127.0.0.1:").append(1000 + i)
                    .append("\", api_keys: [k1, k2, k3], models: [\"gemini-2.5-*\", \"gemini-3-pro\"], priority: ")
                    .append(i % 2).append(", weight: ").append(1 + i).append(", model_map: {fast: gemini-2.5-flash}}\n");
        }
        Path dir = Files.createTempDirectory("routing-bench");
        Path file = dir.resolve("junction.yaml");
        Files.writeString(file, "data_dir: " + dir + "\n" + yaml);
        JunctionConfig config = new ConfigLoader(Map.of(), ProviderKinds.all()).load(Optional.of(file), dir);
        ProviderContext context = new ProviderContext(vertx, Clock.systemUTC(), config);
        List<Upstreams.Upstream> list = config.upstreams().stream().map(s -> new Upstreams.Upstream(s,
                ProviderKinds.named(s.type()).orElseThrow().create(s, context),
                new UpstreamHealth(s.name(), RoutingSettings.DEFAULTS, Clock.systemUTC()))).toList();
        upstreams = new Upstreams(list, RoutingSettings.DEFAULTS, Clock.systemUTC());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        upstreams.close();
        vertx.close();
    }

    @Benchmark
    public Candidates candidatesForAPatternModel() {
        return upstreams.candidates("gemini-2.5-flash");
    }

    @Benchmark
    public Candidates candidatesForAnAlias() {
        return upstreams.candidates("fast");
    }
}
