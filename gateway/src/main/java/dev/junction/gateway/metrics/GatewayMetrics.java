package dev.junction.gateway.metrics;

import dev.junction.gateway.providers.Credential;
import dev.junction.gateway.relay.AttemptListener;
import dev.junction.gateway.relay.Target;
import dev.junction.gateway.routing.UpstreamHealth;
import dev.junction.gateway.routing.Upstreams;
import dev.junction.gateway.usage.UsageRecord;
import dev.junction.gateway.usage.UsageSink;
import dev.junction.protocol.model.GatewayError;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * What Junction counts for Prometheus: every API request by door, endpoint, model, upstream and
 * status, with its latency and time to first byte; tokens and cost by model and upstream; each
 * upstream's state and calls in flight; the usage queue; the JVM. Fed by the usage records every
 * request ends with, so nothing is counted twice and nothing on the request path waits for it.
 *
 * <p>A model is labelled only once routing has accepted it (a client's unknown model name is
 * {@code unrouted}), so a client cannot grow the series without bound.
 */
public final class GatewayMetrics implements UsageSink {
    private static final Duration[] SLOS = {Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60),
            Duration.ofSeconds(120)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private volatile Runnable refresh = () -> { };
    private final ConcurrentHashMap<String, Counter> attempts = new ConcurrentHashMap<>();

    public GatewayMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** One combination of labels a request can have; its meters are made once and kept. */
    private record Key(String door, String endpoint, String model, String upstream, int status, boolean clientGone,
            boolean stream, boolean estimated, String error) {}

    /** The meters one combination feeds. */
    private record Meters(Counter requests, Timer duration, Timer firstByte, Counter prompt, Counter output,
            Counter thoughts, Counter cached, Counter cost, Counter errors) {}

    private final ConcurrentHashMap<Key, Meters> meters = new ConcurrentHashMap<>();

    @Override
    public void accept(UsageRecord r) {
        boolean routed = !r.upstream().isEmpty();
        Key key = new Key(r.protocol(), r.endpoint(), routed ? r.model() : "unrouted", routed ? r.upstream() : "none",
                r.status(), r.clientGone(), r.stream(), r.estimated(),
                r.errorKind().map(k -> k.toLowerCase(Locale.ROOT)).orElse(""));
        Meters m = meters.computeIfAbsent(key, this::meters);
        m.requests().increment();
        m.duration().record(r.latencyMillis(), TimeUnit.MILLISECONDS);
        r.firstByteMillis().ifPresent(ms -> m.firstByte().record(ms, TimeUnit.MILLISECONDS));
        if (!routed) {
            return;
        }
        add(m.prompt(), r.promptTokens());
        add(m.output(), r.outputTokens());
        add(m.thoughts(), r.thoughtTokens());
        add(m.cached(), r.cachedTokens());
        if (r.costMicros() > 0) {
            m.cost().increment(r.costMicros() / 1e6);
        }
        if (m.errors() != null) {
            m.errors().increment();
        }
    }

    private static void add(Counter counter, int n) {
        if (n > 0) {
            counter.increment(n);
        }
    }

    private Meters meters(Key k) {
        Tags usage = Tags.of("model", k.model(), "upstream", k.upstream(), "estimated", Boolean.toString(k.estimated()));
        return new Meters(
                Counter.builder("junction.requests").description("API requests, by how they ended")
                        .tags("door", k.door(), "endpoint", k.endpoint(), "model", k.model(), "upstream", k.upstream(),
                                "status", Integer.toString(k.status()), "client_gone", Boolean.toString(k.clientGone()))
                        .register(registry),
                Timer.builder("junction.request.duration").description("From the request's arrival to its answer's end")
                        .tags("door", k.door(), "endpoint", k.endpoint(), "stream", Boolean.toString(k.stream()))
                        .serviceLevelObjectives(SLOS).register(registry),
                Timer.builder("junction.request.first.byte")
                        .description("From the request's arrival to the first byte of its answer")
                        .tags("door", k.door(), "stream", Boolean.toString(k.stream()))
                        .serviceLevelObjectives(SLOS).register(registry),
                tokens(usage.and("kind", "prompt")), tokens(usage.and("kind", "output")),
                tokens(usage.and("kind", "thoughts")), tokens(usage.and("kind", "cached")),
                Counter.builder("junction.cost.usd").description("What requests cost at the configured prices")
                        .tags("model", k.model(), "upstream", k.upstream()).register(registry),
                k.error().isEmpty() ? null : Counter.builder("junction.errors").description("Requests that failed, by kind")
                        .tags("door", k.door(), "model", k.model(), "upstream", k.upstream(), "kind", k.error())
                        .register(registry));
    }

    private Counter tokens(Tags tags) {
        return Counter.builder("junction.tokens").description("Tokens, by kind").baseUnit("tokens").tags(tags)
                .register(registry);
    }

    /** Counts every upstream attempt by its outcome ({@code accepted}, or the failure's kind). */
    public AttemptListener attempts() {
        return new AttemptListener() {
            @Override
            public void started(Target target) {}

            @Override
            public void ended(Target target) {}

            @Override
            public void succeeded(Target target, Credential credential) {
                attempt(target.provider().name(), "accepted").increment();
            }

            @Override
            public void failed(Target target, Credential credential, GatewayError error) {
                attempt(target.provider().name(), error.kind().name().toLowerCase(Locale.ROOT)).increment();
            }
        };
    }

    private Counter attempt(String upstream, String outcome) {
        return attempts.computeIfAbsent(upstream + '\n' + outcome, k -> Counter.builder("junction.upstream.attempts")
                .description("Calls to upstreams, by outcome (accepted, or why they failed)")
                .tags("upstream", upstream, "outcome", outcome).register(registry));
    }

    /** Each upstream's state (1 for the state it is in) and calls in flight, read at each scrape. */
    public void watch(Supplier<Upstreams> upstreams) {
        MultiGauge state = MultiGauge.builder("junction.upstream.state")
                .description("1 for the state each upstream is in").register(registry);
        MultiGauge inFlight = MultiGauge.builder("junction.upstream.in.flight")
                .description("Calls to each upstream under way").register(registry);
        this.refresh = () -> {
            List<Upstreams.Upstream> all = upstreams.get().all();
            state.register(all.stream().flatMap(u -> java.util.Arrays.stream(UpstreamHealth.State.values())
                    .map(s -> MultiGauge.Row.of(Tags.of("upstream", u.settings().name(), "state",
                            s.name().toLowerCase(Locale.ROOT)), u.health().state() == s ? 1 : 0))).toList(), true);
            inFlight.register(all.stream().map(u -> MultiGauge.Row.of(Tags.of("upstream", u.settings().name()),
                    u.health().inFlight())).toList(), true);
        };
    }

    /** A gauge read at each scrape. */
    public void gauge(String name, String description, DoubleSupplier value) {
        Gauge.builder(name, value, DoubleSupplier::getAsDouble).description(description).register(registry);
    }

    /** Everything, in Prometheus's text format. */
    public String scrape() {
        refresh.run();
        return registry.scrape();
    }

    /** The content type of {@link #scrape()}. */
    public static String contentType() {
        return "text/plain; version=0.0.4; charset=utf-8";
    }
}
