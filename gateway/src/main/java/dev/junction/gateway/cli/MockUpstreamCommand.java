package dev.junction.gateway.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code junction mock-upstream}: the built-in mock Gemini upstream, on its own. */
@Command(name = "mock-upstream", mixinStandardHelpOptions = true,
        description = "Run the built-in mock Gemini upstream on its own (for tests and benchmarks).")
final class MockUpstreamCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8090", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Override
    public Integer call() {
        throw new IllegalStateException("the built-in mock upstream is not available yet");
    }
}
