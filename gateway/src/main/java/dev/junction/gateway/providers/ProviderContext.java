package dev.junction.gateway.providers;

import dev.junction.gateway.config.JunctionConfig;
import io.vertx.core.Vertx;
import java.time.Clock;

/**
 * What a provider may use when it is made: the event loops its transport runs on, the clock,
 * and the whole configuration (for sections such as the thinking table).
 */
public record ProviderContext(Vertx vertx, Clock clock, JunctionConfig config) {}
