package dev.junction.gateway.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The whole, validated configuration. Built by {@link ConfigLoader}; once built it is valid.
 *
 * @param upstreams the configured upstreams; empty means "serve the built-in mock"
 * @param source the YAML file it was read from, if any
 * @param sections the raw top-level sections that components read themselves, by key
 */
public record JunctionConfig(
        ServerSettings server,
        Path dataDir,
        StorageSettings storage,
        Optional<String> adminToken,
        List<UpstreamSettings> upstreams,
        Optional<Path> source,
        ConfigNode sections) {

    public JunctionConfig {
        upstreams = List.copyOf(upstreams);
    }

    public boolean usesMock() {
        return upstreams.stream().anyMatch(u -> u.type() == UpstreamSettings.UpstreamType.MOCK);
    }
}
