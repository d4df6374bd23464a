package dev.junction.gateway.edge;

import dev.junction.gateway.context.ClientApi;
import dev.junction.gateway.context.InboundRequest;
import dev.junction.gateway.doors.Door;
import dev.junction.gateway.doors.Route;
import java.util.List;
import java.util.Optional;

/**
 * Which endpoint serves a method and path: the first door, in registration order, that claims
 * the request routes it; a path no door claims is a 404 in the fallback API's shape.
 */
public final class Router {
    private final List<Door> doors;
    private final ClientApi fallback;

    public Router(List<Door> doors, ClientApi fallback) {
        this.doors = List.copyOf(doors);
        this.fallback = fallback;
    }

    public Route route(InboundRequest request) {
        for (Door door : doors) {
            Optional<Route> route = door.route(request);
            if (route.isPresent()) {
                return route.get();
            }
        }
        return Route.none(fallback, request.method(), request.path());
    }

    /** The API whose shape errors about {@code request} take: its door's, else the fallback's. */
    public ClientApi api(InboundRequest request) {
        return switch (route(request)) {
            case Route.Found found -> found.endpoint().api();
            case Route.NotFound notFound -> notFound.api();
        };
    }
}
