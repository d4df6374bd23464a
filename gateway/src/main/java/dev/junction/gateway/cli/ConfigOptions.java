package dev.junction.gateway.cli;

import dev.junction.gateway.config.ConfigLoader;
import dev.junction.gateway.config.JunctionConfig;
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
        return new ConfigLoader(System.getenv()).load(Optional.ofNullable(file), Path.of("").toAbsolutePath());
    }
}
