package dev.junction.gateway.cli;

import dev.junction.gateway.config.ConfigLoader;
import dev.junction.gateway.config.JunctionConfig;
import dev.junction.gateway.providers.ProviderKinds;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --config} option every command that reads the configuration shares. */
final class ConfigOptions {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "YAML configuration file (default: ./junction.yaml when present).")
    Path file;

    /** @throws dev.junction.gateway.config.ConfigException naming the key, file and line */
    JunctionConfig load() {
        return load(false);
    }

    /** @param mock serve the built-in mock when no upstream is configured */
    JunctionConfig load(boolean mock) {
        return new ConfigLoader(System.getenv(), ProviderKinds.all()).withMock(mock)
                .load(Optional.ofNullable(file), Path.of("").toAbsolutePath());
    }
}
