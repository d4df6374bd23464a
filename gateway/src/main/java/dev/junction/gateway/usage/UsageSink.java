package dev.junction.gateway.usage;

/**
 * Where usage records go. Implementations must not block the caller on I/O: they are called on
 * the request path, after the response.
 */
public interface UsageSink {
    void accept(UsageRecord record);
}
