package dev.junction.gateway.config;

import java.util.Optional;
import java.util.Set;

/**
 * The {@code metrics:} section. {@code GET /metrics} is always served on the API listener for the
 * admin token; {@code port} adds a listener of its own that serves it to anyone (bind it to a
 * private address: {@code host}, the API's host by default).
 */
public record MetricsSettings(Optional<String> host, Optional<Integer> port) {
    public static final MetricsSettings DEFAULTS = new MetricsSettings(Optional.empty(), Optional.empty());

    /** @throws ConfigException naming the key, file and line */
    public static MetricsSettings read(ConfigNode node) {
        if (node.isMissing()) {
            return DEFAULTS;
        }
        node.allowOnly(Set.of("host", "port"));
        return new MetricsSettings(node.get("host").string(), node.get("port").integer(0, 65535));
    }
}
