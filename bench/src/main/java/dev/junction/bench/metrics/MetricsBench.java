package dev.junction.bench.metrics;

import dev.junction.gateway.metrics.GatewayMetrics;
import dev.junction.gateway.usage.UsageRecord;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What counting a request for Prometheus costs on the event loop: one usage record into every
 * counter and timer it feeds (request, latency, first byte, four token kinds, cost). Compare with
 * the tens of microseconds a relayed request takes in all (README, Performance).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MetricsBench {
    private GatewayMetrics metrics;
    private UsageRecord record;

    @Setup(Level.Trial)
    public void setUp() {
        metrics = new GatewayMetrics();
        record = new UsageRecord(Instant.now(), "req_1", Optional.of("tok_1"), Optional.of("alice"), "gemini-2.5-flash",
                "gemini-2.5-flash", "google", "openai", "chat.completions", false, 120, 80, 30, 10, false, 1_250, 42,
                Optional.of(40L), 200, Optional.empty(), false);
    }

    @Benchmark
    public GatewayMetrics countOneRequest() {
        metrics.accept(record);
        return metrics;
    }
}
