package dev.junction.gateway.config;

import java.time.Duration;

/**
 * How usage records reach the database ({@code usage:}).
 *
 * @param queueCapacity records held in memory while the database is slow or down; past it new
 *     records are dropped (counted and logged)
 * @param batchSize records written per transaction at most
 * @param drainTimeout how long a stopping gateway keeps trying to write what is queued
 * @param journal whether each record is also appended to the usage journal in the data folder
 *     before the answer's last bytes go out, so that a killed process loses none
 */
public record UsageSettings(int queueCapacity, int batchSize, Duration drainTimeout, boolean journal) {
    public static final UsageSettings DEFAULTS = new UsageSettings(100_000, 500, Duration.ofSeconds(5), true);

    public UsageSettings(int queueCapacity, int batchSize, Duration drainTimeout) {
        this(queueCapacity, batchSize, drainTimeout, true);
    }
}
