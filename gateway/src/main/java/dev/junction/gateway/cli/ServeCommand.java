package dev.junction.gateway.cli;

import dev.junction.gateway.Gateway;
import dev.junction.gateway.config.JunctionConfig;
import dev.junction.gateway.config.UpstreamSettings;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code junction serve}: runs the gateway until SIGTERM or SIGINT, then drains and stops. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the gateway.")
final class ServeCommand implements Callable<Integer> {
    private static final System.Logger LOG = System.getLogger("junction");

    @Mixin
    ConfigOptions config;

    @Option(names = "--mock", description = "Serve the built-in mock Gemini upstream (canned answers, no "
            + "credentials needed) when no upstream is configured. Also JUNCTION_MOCK=true.")
    boolean mock;

    @Override
    public Integer call() throws InterruptedException {
        JunctionConfig settings = config.load(mock);
        Logging.useFormat(settings.logging().format());
        if (settings.upstreams().isEmpty()) {
            System.err.println("junction: no upstream is configured: set GEMINI_API_KEY, declare upstreams in "
                    + "junction.yaml, or run `junction serve --mock` to try Junction with its built-in mock upstream.");
            return 2;
        }
        long start = System.nanoTime();
        Gateway gateway;
        try {
            gateway = Gateway.start(settings, Clock.systemUTC());
        } catch (Exception e) { // Vert.x hands back a bind failure unwrapped, checked as it is
            System.err.println("junction: " + StartupFailure.describe(e, settings));
            LOG.log(Level.DEBUG, "start-up failed", e);
            return 1;
        }
        writePidFile(settings);
        Signals.onHangUp(() -> reload(gateway));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.log(Level.INFO, "stopping: finishing requests in flight");
            gateway.close();
            PidFile.remove(settings.dataDir());
            LOG.log(Level.INFO, "stopped");
            ShutdownSafeLogManager.finishIfInstalled();
            stopped.countDown();
        }, "junction-shutdown"));
        if (settings.usesMock()) {
            LOG.log(Level.WARNING, "serving the BUILT-IN MOCK upstream (--mock): answers are canned, not from a "
                    + "real model.");
        }
        LOG.log(Level.INFO, "Junction listening on http://{0}:{1} (ready in {2} ms); database: {3}; admin API: {4}; "
                + "upstreams: {5}", settings.server().host(), Integer.toString(gateway.port()),
                Long.toString((System.nanoTime() - start) / 1_000_000), database(settings),
                settings.adminToken().isPresent() ? "on" : "off (set JUNCTION_ADMIN_TOKEN to turn it on)",
                describe(settings));
        stopped.await();
        return 0;
    }

    private static void writePidFile(JunctionConfig settings) {
        try {
            PidFile.write(settings.dataDir());
        } catch (java.io.IOException e) {
            LOG.log(Level.WARNING, "cannot write {0} ({1}): `junction reload` will not find this gateway; "
                    + "send it SIGHUP instead", PidFile.in(settings.dataDir()), e.getMessage());
        }
    }

    /** SIGHUP: the configuration is read again and its upstreams replace the ones in use. */
    private void reload(Gateway gateway) {
        try {
            int count = gateway.reload(config.load(mock));
            LOG.log(Level.INFO, "reload: {0} upstreams in use", Integer.toString(count));
        } catch (dev.junction.gateway.config.ConfigException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "reload refused, the upstreams in use stay: {0}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "reload failed, the upstreams in use stay: {0}", e.toString());
        }
    }

    /** The database in use, without its password. */
    static String database(JunctionConfig settings) {
        String url = settings.storage().jdbcUrl();
        return settings.storage().isPostgres() ? url + settings.storage().user().map(u -> " as " + u).orElse("")
                : "SQLite " + url.substring("jdbc:sqlite:".length());
    }

    private static String describe(JunctionConfig settings) {
        return settings.upstreams().stream().map(ServeCommand::describe).collect(Collectors.joining("; "));
    }

    private static String describe(UpstreamSettings u) {
        if (u.type().equals("mock")) {
            return u.name() + " (built-in mock, models " + String.join(",", u.models()) + ")";
        }
        return u.name() + " (" + u.type() + " at " + u.baseUrl() + ", models " + String.join(",", u.models())
                + (u.apiKeys().isEmpty() ? "" : ", " + u.apiKeys().size() + (u.apiKeys().size() == 1 ? " key" : " keys"))
                + ")";
    }
}
