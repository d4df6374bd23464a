package dev.junction.gateway.usage;

/**
 * Where usage records go. Implementations must not block the caller on I/O: they are called on
 * the request path.
 *
 * <p>Each record arrives twice: at {@link #keep} when it is made, just before the answer's last
 * bytes go to the client (or when a request ends without them), so that a sink that must not
 * lose it (the database writer's journal) can make it survive a crash; then at {@link #accept},
 * the same record, once the request has ended and its limits are settled, which is when it is
 * handed on.
 */
public interface UsageSink {
    /** The record of an answer about to be complete; nothing by default. Must be quick. */
    default void keep(UsageRecord record) {}

    void accept(UsageRecord record);
}
