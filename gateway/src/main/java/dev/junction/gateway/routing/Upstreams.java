package dev.junction.gateway.routing;

import dev.junction.gateway.access.ModelAllowlist;
import dev.junction.gateway.config.UpstreamSettings;
import dev.junction.gateway.providers.Provider;
import dev.junction.gateway.relay.AttemptListener;
import dev.junction.gateway.relay.Candidates;
import dev.junction.gateway.relay.Target;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The configured upstreams and the models each serves. A model's candidates are every
 * upstream that serves it (by an alias in its {@code model_map}, or by a name or pattern in
 * its {@code models}), lowest {@code priority} first; within one priority, in a weighted random
 * order (an upstream of weight 3 comes first three times as often as one of weight 1; weight 0
 * only after all the others), so that load spreads while every one stays a fallback.
 */
public final class Upstreams implements AutoCloseable {
    /** One upstream: how it was configured and the provider that speaks to it. */
    public record Upstream(UpstreamSettings settings, Provider provider) {
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
    private final int maxAttempts;
    private final AttemptListener listener;
    private final java.util.function.Supplier<java.util.random.RandomGenerator> random;

    public Upstreams(List<Upstream> upstreams, int maxAttempts, AttemptListener listener) {
        this(upstreams, maxAttempts, listener, java.util.concurrent.ThreadLocalRandom::current);
    }

    /** @param random where the weighted order draws from (a seeded one in tests) */
    public Upstreams(List<Upstream> upstreams, int maxAttempts, AttemptListener listener,
            java.util.function.Supplier<java.util.random.RandomGenerator> random) {
        this.upstreams = List.copyOf(upstreams);
        this.maxAttempts = maxAttempts;
        this.listener = listener;
        this.random = random;
    }

    public List<Upstream> all() {
        return upstreams;
    }

    public List<Provider> providers() {
        return upstreams.stream().map(Upstream::provider).toList();
    }

    /** @throws GatewayException {@code NOT_FOUND} when no upstream serves the model */
    public Candidates candidates(String model) {
        List<Upstream> serving = new ArrayList<>();
        List<Target> targets = new ArrayList<>();
        for (Upstream upstream : upstreams) {
            if (upstream.vendorModel(model).isPresent()) {
                serving.add(upstream);
            }
        }
        if (serving.isEmpty()) {
            throw new GatewayException(GatewayError.of(GatewayError.Kind.NOT_FOUND,
                    "The model '" + model + "' does not exist or is not served by this gateway.")
                    .withCode("model_not_found").withParam("model"));
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
        return new Candidates(targets, maxAttempts, listener);
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
