package dev.junction.gateway.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.gateway.providers.CredentialState;
import dev.junction.gateway.routing.UpstreamHealth;
import dev.junction.gateway.routing.Upstreams;
import dev.junction.protocol.Json;
import java.time.Instant;
import java.util.Locale;

/**
 * {@code GET /admin/v1/upstreams}: each upstream with its state, cooldown, in-flight calls,
 * recent errors and keys (masked to their last four characters, never more).
 */
final class UpstreamsView {
    private UpstreamsView() {}

    static ObjectNode of(Upstreams upstreams) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode list = body.putArray("upstreams");
        for (Upstreams.Upstream u : upstreams.all()) {
            ObjectNode view = list.addObject();
            view.put("name", u.settings().name());
            view.put("type", u.settings().type());
            view.put("priority", u.settings().priority());
            view.put("weight", u.settings().weight());
            u.settings().models().forEach(view.putArray("models")::add);
            ObjectNode aliases = view.putObject("model_map");
            u.settings().modelMap().forEach(aliases::put);
            UpstreamHealth health = u.health();
            view.put("state", health.state().name().toLowerCase(Locale.ROOT));
            if (health.state() != UpstreamHealth.State.HEALTHY && !health.cooldownUntil().equals(Instant.MIN)) {
                view.put("cooldown_until", health.cooldownUntil().toString());
            } else {
                view.putNull("cooldown_until");
            }
            view.put("in_flight", health.inFlight());
            ArrayNode keys = view.putArray("keys");
            for (CredentialState key : u.provider().credentials().states()) {
                ObjectNode k = keys.addObject();
                k.put("key", key.hint());
                k.put("state", key.restingUntil().isPresent() ? "resting" : "usable");
                key.restingUntil().ifPresent(t -> k.put("resting_until", t.toString()));
                key.reason().ifPresent(r -> k.put("reason", r));
            }
            ArrayNode errors = view.putArray("recent_errors");
            for (UpstreamHealth.RecentError e : health.recentErrors()) {
                errors.addObject().put("at", e.at().toString()).put("kind", e.kind())
                        .put("message", u.provider().scrub(e.message()));
            }
        }
        return body;
    }
}
