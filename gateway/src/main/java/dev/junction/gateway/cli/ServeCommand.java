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

/** {@code junction serve}: runs the gateway until SIGTERM or SIGINT, then drains and stops. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the gateway.")
final class ServeCommand implements Callable<Integer> {
    private static final System.Logger LOG = System.getLogger("junction");

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws InterruptedException {
        JunctionConfig settings = config.load();
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
            LOG.log(Level.WARNING, "NO UPSTREAM CREDENTIALS CONFIGURED: serving the BUILT-IN MOCK upstream. "
                    + "Answers are canned, not from a real model. Set GEMINI_API_KEY (or configure upstreams in "
                    + "junction.yaml) to serve real Gemini models.");
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
        return switch (u.type()) {
            case MOCK -> u.name() + " (built-in mock, models " + String.join(",", u.models()) + ")";
            case GEMINI -> u.name() + " (Gemini at " + u.baseUrl() + ", models " + String.join(",", u.models())
                    + ", " + u.apiKeys().size() + (u.apiKeys().size() == 1 ? " key)" : " keys)");
        };
    }
}
