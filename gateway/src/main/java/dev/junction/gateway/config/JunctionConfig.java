package dev.junction.gateway.config;

import dev.junction.gateway.store.StorageSettings;
import dev.junction.gateway.media.MediaSettings;
import dev.junction.gateway.pricing.PriceTable;
import dev.junction.protocol.gemini.ThinkingCapabilities;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The whole, validated configuration. Built by {@link ConfigLoader}; once built it is valid.
 *
 * @param upstreams the configured upstreams (the built-in mock among them only when asked for)
 * @param media limits on media fetched for clients that send URLs
 * @param signatures how many thought signatures to keep for clients that drop them, and how long
 * @param thinking the per-model thinking capabilities: the shipped table, with the operator's
 *     {@code thinking_models} rows tried first
 * @param source the YAML file it was read from, if any
 * @param sections the raw top-level sections that components read themselves, by key
 * @param limits where rate limits, concurrency and budgets are counted
 * @param usage how usage records are queued and written
 * @param prices the price table (shipped defaults with the {@code prices:} section on top)
 * @param relay the memory whole answers may take
 * @param routing attempts per request, the routing deadline, cooldowns
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
        ConfigNode sections,
        LimitSettings limits,
        UsageSettings usage,
        PriceTable prices,
        RelaySettings relay,
        RoutingSettings routing) {

    /** The {@code logging:} section (checked when the file was loaded). */
    public LoggingSettings logging() {
        return LoggingSettings.read(sections.get("logging"));
    }

    /** The {@code metrics:} section (checked when the file was loaded). */
    public MetricsSettings metrics() {
        return MetricsSettings.read(sections.get("metrics"));
    }

    public JunctionConfig {
        upstreams = List.copyOf(upstreams);
    }

    /** The configuration with the operator sections at their defaults. */
    public JunctionConfig(ServerSettings server, Path dataDir, StorageSettings storage, Optional<String> adminToken,
            List<UpstreamSettings> upstreams, MediaSettings media, SignatureSettings signatures,
            ThinkingCapabilities thinking, Optional<Path> source, ConfigNode sections) {
        this(server, dataDir, storage, adminToken, upstreams, media, signatures, thinking, source, sections,
                LimitSettings.DEFAULTS,
                UsageSettings.DEFAULTS, PriceTableReader.read(null, "/prices"), RelaySettings.DEFAULTS,
                RoutingSettings.DEFAULTS);
    }

    public boolean usesMock() {
        return upstreams.stream().anyMatch(u -> u.type().equals("mock"));
    }
}
