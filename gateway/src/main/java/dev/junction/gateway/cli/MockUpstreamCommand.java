package dev.junction.gateway.cli;

import dev.junction.mock.gemini.MockGeminiConfig;
import dev.junction.mock.gemini.MockGeminiServer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code junction mock-upstream}: the built-in mock Gemini upstream, on its own. */
@Command(name = "mock-upstream", mixinStandardHelpOptions = true,
        description = "Run the built-in mock Gemini upstream on its own (for tests, demos and benchmarks).")
final class MockUpstreamCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8090", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--key", paramLabel = "KEY", description = "An API key it accepts (repeatable; default: any key).")
    List<String> keys = List.of();

    @Option(names = "--record", defaultValue = "0",
            description = "How many received requests to keep in memory (default: ${DEFAULT-VALUE}).")
    int record;

    @Override
    public Integer call() throws InterruptedException {
        MockGeminiServer mock = MockGeminiServer.start(MockGeminiConfig.defaults().withHost(host).withPort(port)
                .withAcceptedKeys(Set.copyOf(keys)).withRecordLimit(record));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mock.close();
            stopped.countDown();
        }, "mock-shutdown"));
        System.out.println("Junction mock Gemini upstream listening on " + mock.baseUrl());
        System.out.flush();
        stopped.await();
        return 0;
    }
}
