package dev.junction.gateway.config;

import dev.junction.gateway.media.MediaSettings;
import dev.junction.protocol.gemini.ThinkingCapabilities;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The whole, validated configuration. Built by {@link ConfigLoader}; once built it is valid.
 *
 * @param upstreams the configured upstreams; empty means "serve the built-in mock"
 * @param media limits on media fetched for clients that send URLs
 * @param signatures how many thought signatures to keep for clients that drop them, and how long
 * @param thinking the per-model thinking capabilities: the shipped table, with the operator's
 *     {@code thinking_models} rows tried first
 * @param source the YAML file it was read from, if any
 * @param sections the raw top-level sections that components read themselves, by key
 */
public record JunctionConfig(
        ServerSettings server,
        Path dataDir,
        StorageSettings storage,
        Optional<String> adminToken,
        List<UpstreamSettings> upstreams,
        MediaSettings media,
        SignatureSettings signatures,
        ThinkingCapabilities thinking,
        Optional<Path> source,
        ConfigNode sections) {

    public JunctionConfig {
        upstreams = List.copyOf(upstreams);
    }

    public boolean usesMock() {
        return upstreams.stream().anyMatch(u -> u.type() == UpstreamSettings.UpstreamType.MOCK);
    }
}
