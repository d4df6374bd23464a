package dev.junction.gateway.pricing;

import dev.junction.gateway.access.ModelAllowlist;
import dev.junction.protocol.model.Usage;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prices by model. An exact name wins; otherwise the longest matching pattern, so
 * {@code gemini-2.5-flash-lite*} beats {@code gemini-2.5-flash*}; then the entry named
 * {@value #DEFAULT}, when the operator gave one, prices every other model. A model with no price
 * at all is refused to tokens with a budget (see the limits' quota filter); for others it costs
 * nothing, and Junction says so once in the log.
 */
public final class PriceTable {
    private static final System.Logger LOG = System.getLogger(PriceTable.class.getName());

    /** The name of the entry that prices every model no other entry names ({@code prices.default}). */
    public static final String DEFAULT = "default";

    private final Map<String, ModelPrice> exact;
    private final List<ModelPrice> patterns;
    private final Map<String, Optional<ModelPrice>> resolved = new ConcurrentHashMap<>();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    public PriceTable(Collection<ModelPrice> prices) {
        Map<String, ModelPrice> byName = new LinkedHashMap<>();
        List<ModelPrice> globs = new ArrayList<>();
        for (ModelPrice p : prices) {
            if (p.model().contains("*")) {
                globs.add(p);
            } else {
                byName.put(p.model(), p);
            }
        }
        globs.sort(Comparator.comparingInt((ModelPrice p) -> p.model().length()).reversed());
        this.exact = Map.copyOf(byName);
        this.patterns = List.copyOf(globs);
    }

    public static PriceTable empty() {
        return new PriceTable(List.of());
    }

    public Optional<ModelPrice> price(String model) {
        String name = model.startsWith("models/") ? model.substring("models/".length()) : model;
        return resolved.computeIfAbsent(name, this::lookup);
    }

    private Optional<ModelPrice> lookup(String name) {
        ModelPrice p = exact.get(name);
        if (p != null) {
            return Optional.of(p);
        }
        return patterns.stream().filter(g -> ModelAllowlist.matches(g.model(), name)).findFirst()
                .or(() -> Optional.ofNullable(exact.get(DEFAULT)));
    }

    /** The cost of {@code usage} on {@code model} in micro-dollars; 0 for a model with no price. */
    public long cost(String model, Usage usage) {
        Optional<ModelPrice> price = price(model);
        if (price.isEmpty()) {
            if (!model.isEmpty() && warned.add(model)) {
                LOG.log(Level.WARNING, "no price for model {0}: its requests are recorded at cost 0 (add it under "
                        + "prices: in the configuration)", model);
            }
            return 0;
        }
        return price.get().cost(usage);
    }

    public List<ModelPrice> all() {
        List<ModelPrice> all = new ArrayList<>(exact.values());
        all.addAll(patterns);
        all.sort(Comparator.comparing(ModelPrice::model));
        return all;
    }
}
