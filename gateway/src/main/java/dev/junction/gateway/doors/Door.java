package dev.junction.gateway.doors;

import dev.junction.gateway.context.InboundRequest;
import java.util.Optional;

/**
 * One inbound API: the paths it answers and the endpoints that serve them. The router asks the
 * doors in their registration order; the first that claims a request routes it. A door that
 * claims a path it has no endpoint for answers with a 404 in its own error shape.
 */
public interface Door {
    /** How this door routes {@code request}; empty when the path is not this door's. */
    Optional<Route> route(InboundRequest request);
}
