package dev.junction.gateway.routing;

import dev.junction.gateway.access.ModelAllowlist;
import dev.junction.gateway.config.UpstreamSettings;
import dev.junction.gateway.providers.Credential;
import dev.junction.gateway.providers.Provider;
import dev.junction.gateway.relay.AttemptListener;
import dev.junction.gateway.relay.Candidates;
import dev.junction.gateway.relay.Target;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import dev.junction.gateway.config.RoutingSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The configured upstreams and the models each serves. A model's candidates are every
 * upstream that serves it (by an alias in its {@code model_map}, or by a name or pattern in
 * its {@code models}) and is not cooling down after failures, lowest {@code priority} first;
 * within one priority, in a weighted random order (an upstream of weight 3 comes first three times
 * as often as one of weight 1; weight 0 only after all the others), so that load spreads while
 * every one stays a fallback. An upstream whose every key rests after its vendor's rate limits goes
 * after all the others (its vendor may have recovered early, so it is still tried last). When
 * every upstream serving the model cools down, the request is answered at once with a 503 until
 * the soonest cooldown ends.
 */
public final class Upstreams implements AutoCloseable {
    /** One upstream: how it was configured, the provider that speaks to it, and its health. */
    public record Upstream(UpstreamSettings settings, Provider provider, UpstreamHealth health) {
        public Upstream(UpstreamSettings settings, Provider provider) {
            this(settings, provider, new UpstreamHealth(settings.name(), RoutingSettings.DEFAULTS, Clock.systemUTC()));
        }

        /** The vendor's id for {@code model} here, when this upstream serves it. */
        public Optional<String> vendorModel(String model) {
            String mapped = settings.modelMap().get(model);
            if (mapped != null) {
                return Optional.of(mapped);
            }
            for (String pattern : settings.models()) {
                if (ModelAllowlist.matches(pattern, model)) {
                    return Optional.of(model);
                }
            }
            return Optional.empty();
        }
    }

    private final List<Upstream> upstreams;
    private final RoutingSettings settings;
    private final Clock clock;
    private final AttemptListener health;
    private volatile AttemptListener listener;
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.function.Supplier<java.util.random.RandomGenerator> random;

    public Upstreams(List<Upstream> upstreams, RoutingSettings settings, Clock clock) {
        this(upstreams, settings, clock, java.util.concurrent.ThreadLocalRandom::current);
    }

    /** @param random where the weighted order draws from (a seeded one in tests) */
    public Upstreams(List<Upstream> upstreams, RoutingSettings settings, Clock clock,
            java.util.function.Supplier<java.util.random.RandomGenerator> random) {
        this.upstreams = List.copyOf(upstreams);
        this.settings = settings;
        this.clock = clock;
        this.random = random;
        Map<Provider, UpstreamHealth> health = new IdentityHashMap<>();
        this.upstreams.forEach(u -> health.put(u.provider(), u.health()));
        this.health = new HealthListener(health, inFlight);
        this.listener = this.health;
    }

    /** Also tells {@code observer} how every attempt goes (metrics count them), after the health. */
    public Upstreams observedBy(AttemptListener observer) {
        AttemptListener first = health;
        this.listener = new AttemptListener() {
            @Override
            public void started(Target target) {
                first.started(target);
                observer.started(target);
            }

            @Override
            public void ended(Target target) {
                first.ended(target);
                observer.ended(target);
            }

            @Override
            public void succeeded(Target target, Credential credential) {
                first.succeeded(target, credential);
                observer.succeeded(target, credential);
            }

            @Override
            public void failed(Target target, Credential credential, GatewayError error) {
                first.failed(target, credential, error);
                observer.failed(target, credential, error);
            }
        };
        return this;
    }

    /** Calls to this set's upstreams under way (answers being relayed included). */
    public int inFlight() {
        return Math.max(0, inFlight.get());
    }

    /** This set's upstream named {@code name}, if there is one. */
    public Optional<Upstream> named(String name) {
        return upstreams.stream().filter(u -> u.settings().name().equals(name)).findFirst();
    }

    public List<Upstream> all() {
        return upstreams;
    }

    public List<Provider> providers() {
        return upstreams.stream().map(Upstream::provider).toList();
    }

    /**
     * @throws GatewayException {@code NOT_FOUND} when no upstream serves the model; {@code
     *     RATE_LIMITED} or {@code UPSTREAM_UNAVAILABLE}, with the soonest retry time, when every
     *     upstream serving it is unfit
     */
    public Candidates candidates(String model) {
        List<Upstream> serving = new ArrayList<>();
        List<Upstream> unfit = new ArrayList<>();
        List<Upstream> resting = new ArrayList<>();
        List<Target> targets = new ArrayList<>();
        for (Upstream upstream : upstreams) {
            if (upstream.vendorModel(model).isPresent()) {
                if (!upstream.health().admits()) {
                    unfit.add(upstream);
                } else if (upstream.provider().credentials().allRateLimited()) {
                    resting.add(upstream);
                } else {
                    serving.add(upstream);
                }
            }
        }
        if (serving.isEmpty() && !resting.isEmpty()) {
            serving.addAll(resting);
            resting.clear();
        }
        if (serving.isEmpty() && unfit.isEmpty() && resting.isEmpty()) {
            throw new GatewayException(GatewayError.of(GatewayError.Kind.NOT_FOUND,
                    "The model '" + Json.brief(model) + "' does not exist or is not served by this gateway.")
                    .withCode("model_not_found").withParam("model"));
        }
        if (serving.isEmpty()) {
            throw new GatewayException(allUnfit(model, unfit));
        }
        serving.sort(Comparator.comparingInt(u -> u.settings().priority()));
        int from = 0;
        while (from < serving.size()) {
            int priority = serving.get(from).settings().priority();
            int to = from;
            while (to < serving.size() && serving.get(to).settings().priority() == priority) {
                to++;
            }
            for (Upstream upstream : weightedOrder(serving.subList(from, to))) {
                targets.add(new Target(upstream.provider(), upstream.vendorModel(model).orElseThrow()));
            }
            from = to;
        }
        for (Upstream upstream : resting) {
            targets.add(new Target(upstream.provider(), upstream.vendorModel(model).orElseThrow()));
        }
        return new Candidates(targets, settings.maxAttempts(), settings.deadline(), listener);
    }

    private GatewayError allUnfit(String model, List<Upstream> unfit) {
        Instant now = clock.instant();
        Instant soonest = unfit.stream().map(u -> u.health().cooldownUntil())
                .min(Comparator.naturalOrder()).orElse(now);
        Duration wait = Duration.between(now, soonest).isNegative() ? Duration.ofSeconds(1)
                : Duration.ofSeconds(Math.max(1, (Duration.between(now, soonest).toMillis() + 999) / 1000));
        return GatewayError.of(GatewayError.Kind.UPSTREAM_UNAVAILABLE, "Every upstream serving '" + Json.brief(model)
                + "' is cooling down after failures; retry in " + wait.toSeconds() + " s.")
                .withCode("upstreams_cooling_down").withRetryAfter(wait);
    }

    public RoutingSettings settings() {
        return settings;
    }

    /** A random order in which each next one is drawn with a chance proportional to its weight. */
    private List<Upstream> weightedOrder(List<Upstream> group) {
        if (group.size() == 1) {
            return group;
        }
        List<Upstream> left = new ArrayList<>(group);
        List<Upstream> order = new ArrayList<>(group.size());
        java.util.random.RandomGenerator draw = random.get();
        while (!left.isEmpty()) {
            long total = 0;
            for (Upstream u : left) {
                total += u.settings().weight();
            }
            if (total == 0) {
                order.addAll(left); // only weight 0 left: file order
                break;
            }
            long pick = draw.nextLong(total);
            for (int i = 0; i < left.size(); i++) {
                pick -= left.get(i).settings().weight();
                if (pick < 0) {
                    order.add(left.remove(i));
                    break;
                }
            }
        }
        return order;
    }

    @Override
    public void close() {
        upstreams.forEach(u -> u.provider().close());
    }
}
