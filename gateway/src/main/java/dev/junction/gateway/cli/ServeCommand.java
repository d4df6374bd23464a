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
        if (settings.upstreams().isEmpty()) {
            System.err.println("junction: no upstream is configured: set GEMINI_API_KEY, declare upstreams in "
                    + "junction.yaml, or run `junction serve --mock` to try Junction with its built-in mock upstream.");
            return 2;
        }
        long start = System.nanoTime();
        Gateway gateway = Gateway.start(settings, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.log(Level.INFO, "stopping: finishing requests in flight");
            gateway.close();
            LOG.log(Level.INFO, "stopped");
            ShutdownSafeLogManager.finishIfInstalled();
            stopped.countDown();
        }, "junction-shutdown"));
        if (settings.usesMock()) {
            LOG.log(Level.WARNING, "serving the BUILT-IN MOCK upstream (--mock): answers are canned, not from a "
                    + "real model.");
        }
        LOG.log(Level.INFO, "Junction listening on http://{0}:{1} (ready in {2} ms); upstreams: {3}",
                settings.server().host(), Integer.toString(gateway.port()),
                Long.toString((System.nanoTime() - start) / 1_000_000), describe(settings));
        stopped.await();
        return 0;
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
