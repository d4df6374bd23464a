package dev.junction.gateway.cli;

import dev.junction.gateway.config.JunctionConfig;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code junction reload}: asks the running gateway of this installation (found by the pid file in
 * its data folder) to read its configuration again and switch to the upstreams it declares, as
 * SIGHUP does. Requests under way finish on the old upstreams; an invalid file is refused by the
 * gateway, which keeps the upstreams it has and says why in its log.
 */
@Command(name = "reload", mixinStandardHelpOptions = true,
        description = "Make the running gateway re-read its configuration's upstreams (as SIGHUP does).")
final class ReloadCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws IOException, InterruptedException {
        JunctionConfig settings = config.load();
        Optional<Long> pid = PidFile.read(settings.dataDir());
        Optional<ProcessHandle> process = pid.flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            System.err.println("junction: no running gateway found for the data folder " + settings.dataDir()
                    + (pid.isPresent() ? " (the pid file names " + pid.get() + ", which is not running)" : "")
                    + ": start it with `junction serve`.");
            return 1;
        }
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(pid.get())).inheritIO().start();
        if (kill.waitFor() != 0) {
            System.err.println("junction: could not signal process " + pid.get() + " (kill -HUP failed)");
            return 1;
        }
        System.out.println("asked Junction (pid " + pid.get() + ") to reload its upstreams; its log says what changed");
        return 0;
    }
}
