package dev.junction.gateway.cli;

import picocli.CommandLine.Command;

/** The top-level command: its subcommands are what operators run. */
@Command(name = "junction", mixinStandardHelpOptions = true, version = "Junction 0.1.0",
        description = "An LLM API gateway: OpenAI Chat Completions and the Gemini native API, over Gemini upstreams.",
        subcommands = {ServeCommand.class, ReloadCommand.class, UpstreamsCommand.class, KeysCommand.class, UsageCommand.class, MockUpstreamCommand.class})
public final class JunctionCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }
}
