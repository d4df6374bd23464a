package dev.junction.gateway.config;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * What the configuration needs to know of one kind of upstream ({@code upstreams[].type}) to
 * validate it while it still knows file and line: its name, the settings only it reads, and
 * its defaults. The provider packages implement it; the configuration never names them.
 */
public interface UpstreamKind {
    /** The value of {@code type}, e.g. {@code gemini}. */
    String name();

    /** Keys of an upstream entry that only this kind reads (beyond the common ones). */
    default Set<String> settings() {
        return Set.of();
    }

    /** Where the vendor is when {@code base_url} is not given; empty when it must be given. */
    Optional<URI> defaultBaseUrl();

    /** The models served when {@code models} is not given. */
    default java.util.List<String> defaultModels() {
        return java.util.List.of();
    }

    /**
     * Checks an upstream entry of this kind, throwing {@link ConfigException} from the node at
     * fault (for example: no API key and no other credential).
     */
    void validate(ConfigNode upstream);
}
