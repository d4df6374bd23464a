package dev.junction.gateway.config;

import dev.junction.gateway.pricing.Rates;
import dev.junction.gateway.pricing.ModelPrice;
import dev.junction.gateway.pricing.PriceTable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.junction.gateway.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads price tables: the shipped default ({@value #DEFAULT_RESOURCE}) and the operator's
 * {@code prices:} section, whose entries replace the defaults of the same name and add new ones.
 * Prices are written as operators read them on Google's page, US dollars per million tokens:
 *
 * <pre>
 * prices:
 *   gemini-2.5-pro:
 *     input: 1.25
 *     output: 10.00
 *     cached_input: 0.125
 *     thought: 10.00            # optional: defaults to output
 *     tiers:                    # optional: rates for long prompts
 *       - above_prompt_tokens: 200000
 *         input: 2.50
 *         output: 15.00
 *         cached_input: 0.25
 *   default:                    # optional: the price of every model not listed
 *     input: 1.00
 *     output: 10.00
 * </pre>
 *
 * Without {@code default}, a model that is not listed has no price: tokens with a budget are
 * refused it, and other tokens' requests for it are recorded at cost 0.
 */
public final class PriceTableReader {
    public static final String DEFAULT_RESOURCE = "pricing/gemini-prices.yaml";
    private static final Set<String> MODEL_KEYS = Set.of("input", "output", "cached_input", "thought", "tiers");
    private static final Set<String> TIER_KEYS = Set.of("above_prompt_tokens", "input", "output", "cached_input",
            "thought");

    private PriceTableReader() {}

    /** The shipped defaults with {@code overrides} (the {@code prices:} section, possibly missing) on top. */
    public static PriceTable read(JsonNode overrides, String pointer) {
        Map<String, ModelPrice> prices = new LinkedHashMap<>();
        for (ModelPrice p : defaults()) {
            prices.put(p.model(), p);
        }
        for (ModelPrice p : parse(overrides, pointer)) {
            prices.put(p.model(), p);
        }
        return new PriceTable(prices.values());
    }

    public static List<ModelPrice> defaults() {
        try (InputStream in = PriceTableReader.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the class path");
            }
            return parse(new YAMLMapper().readTree(in), "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULT_RESOURCE, e);
        }
    }

    /** @throws ConfigException naming the key at fault */
    public static List<ModelPrice> parse(JsonNode node, String pointer) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isObject()) {
            throw new ConfigException(pointer, "must be a mapping of model names to prices");
        }
        List<ModelPrice> prices = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = pointer + "/" + e.getKey();
            JsonNode m = e.getValue();
            allowOnly(m, at, MODEL_KEYS);
            Rates base = rates(m, at, null);
            List<ModelPrice.Tier> tiers = new ArrayList<>();
            JsonNode tierList = m.get("tiers");
            if (tierList != null && !tierList.isNull()) {
                if (!tierList.isArray()) {
                    throw new ConfigException(at + "/tiers", "must be a list");
                }
                for (int i = 0; i < tierList.size(); i++) {
                    String tat = at + "/tiers/" + i;
                    JsonNode t = tierList.get(i);
                    allowOnly(t, tat, TIER_KEYS);
                    JsonNode above = t.get("above_prompt_tokens");
                    if (above == null || !above.canConvertToLong() || above.asLong() < 0) {
                        throw new ConfigException(tat + "/above_prompt_tokens", "must be a whole number of tokens");
                    }
                    tiers.add(new ModelPrice.Tier(above.asLong(), rates(t, tat, base)));
                }
            }
            prices.add(new ModelPrice(e.getKey(), base, tiers));
        }
        return prices;
    }

    /** Rates at {@code node}; a tier inherits what it does not say from {@code base}. */
    private static Rates rates(JsonNode node, String at, Rates base) {
        long input = usd(node, at, "input", base == null ? -1 : base.input());
        long output = usd(node, at, "output", base == null ? -1 : base.output());
        long cached = usd(node, at, "cached_input", base == null ? input : base.cachedInput());
        long thought = usd(node, at, "thought", output);
        return new Rates(input, output, cached, thought);
    }

    private static long usd(JsonNode node, String at, String key, long fallback) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            if (fallback < 0) {
                throw new ConfigException(at + "/" + key, "is required (US dollars per million tokens)");
            }
            return fallback;
        }
        try {
            BigDecimal usd = new BigDecimal(v.asText().trim());
            if (usd.signum() < 0) {
                throw new ConfigException(at + "/" + key, "cannot be negative");
            }
            return usd.movePointRight(6).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ConfigException(at + "/" + key, "must be US dollars per million tokens with at most 6 decimals, "
                    + "such as 1.25, got '" + v.asText() + "'");
        }
    }

    private static void allowOnly(JsonNode node, String at, Set<String> keys) {
        if (!node.isObject()) {
            throw new ConfigException(at, "must be a mapping with " + String.join(", ", keys.stream().sorted().toList()));
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!keys.contains(key)) {
                throw new ConfigException(at + "/" + key, "unknown key; known keys here: "
                        + String.join(", ", keys.stream().sorted().toList()));
            }
        }
    }
}
