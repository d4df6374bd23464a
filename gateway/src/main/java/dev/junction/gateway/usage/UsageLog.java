package dev.junction.gateway.usage;

import java.lang.System.Logger.Level;

/** One log line per request: id, token, model, status, tokens, latency and time to first byte. */
public final class UsageLog implements UsageSink {
    private static final System.Logger LOG = System.getLogger("junction.requests");

    @Override
    public void accept(UsageRecord r) {
        if (!LOG.isLoggable(Level.INFO)) {
            return;
        }
        LOG.log(Level.INFO, "request={0} token={1} {2} {3} model={4} status={5} prompt={6} output={7} thought={8}"
                        + "{9} latency={10}ms ttfb={11}{12}{13}",
                r.requestId(), r.tokenName().orElse("-"), r.protocol(), r.endpoint(), r.model().isEmpty() ? "-"
                        : r.model(), Integer.toString(r.status()), Integer.toString(r.promptTokens()),
                Integer.toString(r.outputTokens()), Integer.toString(r.thoughtTokens()), r.estimated() ? " (estimated)"
                        : "", Long.toString(r.latencyMillis()), r.firstByteMillis().map(ms -> ms + "ms").orElse("-"),
                r.errorKind().map(k -> " error=" + k).orElse(""), r.clientGone() ? " client-gone" : "");
    }
}
