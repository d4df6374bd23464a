package dev.junction.gateway.edge;

import dev.junction.gateway.routing.UpstreamHealth;
import dev.junction.gateway.routing.Upstreams;
import dev.junction.gateway.usage.UsageWriter;

/** The checks every Junction registers with {@link Readiness}: pure functions of state in memory. */
public final class ReadinessChecks {
    private ReadinessChecks() {}

    /** Ready while at least one upstream is configured and not every one is cooling down. */
    public static Readiness.Result upstreams(Upstreams upstreams) {
        int configured = upstreams.all().size();
        if (configured == 0) {
            return Readiness.Result.failing("no upstream is configured");
        }
        long cooling = upstreams.all().stream()
                .filter(u -> u.health().state() == UpstreamHealth.State.COOLING_DOWN).count();
        String detail = configured + " configured, " + cooling + " cooling down";
        return cooling < configured ? Readiness.Result.ok(detail)
                : Readiness.Result.failing(detail + ": every upstream is cooling down after failures");
    }

    /**
     * Ready while the usage queue has room: a full queue drops records, so requests served now
     * would go unbilled. Failing database writes alone do not fail readiness (the queue holds
     * records through a blip); they are named in the detail.
     */
    public static Readiness.Result usageQueue(UsageWriter.Stats stats, int capacity) {
        String detail = stats.queued() + " of " + capacity + " queued"
                + (stats.failing() ? "; writes to the database are failing and being retried" : "");
        return stats.queued() < capacity ? Readiness.Result.ok(detail)
                : Readiness.Result.failing(detail + ": the usage queue is full");
    }
}
