package dev.junction.gateway.routing;

import dev.junction.gateway.providers.Credential;
import dev.junction.gateway.providers.Provider;
import dev.junction.gateway.relay.AttemptListener;
import dev.junction.gateway.relay.Target;
import dev.junction.protocol.model.GatewayError;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Keeps each upstream's health from the outcomes of the attempts made to it. */
final class HealthListener implements AttemptListener {
    private final Map<Provider, UpstreamHealth> health;
    private final AtomicInteger inFlight;

    HealthListener(Map<Provider, UpstreamHealth> health, AtomicInteger inFlight) {
        this.health = health;
        this.inFlight = inFlight;
    }

    @Override
    public void started(Target target) {
        inFlight.incrementAndGet();
        UpstreamHealth h = health.get(target.provider());
        if (h != null) {
            h.started();
        }
    }

    @Override
    public void ended(Target target) {
        inFlight.decrementAndGet();
        UpstreamHealth h = health.get(target.provider());
        if (h != null) {
            h.ended();
        }
    }

    @Override
    public void succeeded(Target target, Credential credential) {
        UpstreamHealth h = health.get(target.provider());
        if (h != null) {
            h.answered();
        }
    }

    @Override
    public void failed(Target target, Credential credential, GatewayError error) {
        UpstreamHealth h = health.get(target.provider());
        if (h != null) {
            h.failed(error);
        }
    }
}
