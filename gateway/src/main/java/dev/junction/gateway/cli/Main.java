package dev.junction.gateway.cli;

import dev.junction.gateway.config.ConfigException;
import picocli.CommandLine;

/** {@code junction}: the command line. Exit codes: 0 done, 1 failed, 2 bad usage or configuration. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // Must be chosen before anything logs (the manager is created on first use).
        System.setProperty("java.util.logging.manager", ShutdownSafeLogManager.class.getName());
        Logging.configure();
        System.exit(run(args));
    }

    static int run(String... args) {
        return new CommandLine(new JunctionCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof ConfigException) {
                        cmd.getErr().println("junction: invalid configuration: " + e.getMessage());
                        return 2;
                    }
                    if (e instanceof IllegalArgumentException) {
                        cmd.getErr().println("junction: " + e.getMessage());
                        return 2;
                    }
                    throw e;
                })
                .execute(args);
    }
}
