package dev.junction.gateway.relay;

import dev.junction.gateway.providers.Credential;
import dev.junction.protocol.model.GatewayError;

/** Told how each upstream attempt went, so routing can keep the health of upstreams and keys. */
public interface AttemptListener {
    AttemptListener NONE = new AttemptListener() {
        @Override
        public void succeeded(Target target, Credential credential) {}

        @Override
        public void failed(Target target, Credential credential, GatewayError error) {}
    };

    /** The upstream accepted the call (a 2xx head arrived). */
    void succeeded(Target target, Credential credential);

    /** The call failed before the upstream accepted it. */
    void failed(Target target, Credential credential, GatewayError error);
}
