package dev.junction.gateway.relay;

import dev.junction.gateway.providers.Credential;
import dev.junction.protocol.model.GatewayError;

/** Told how each upstream attempt went, so routing can keep the health of upstreams and keys. */
public interface AttemptListener {
    AttemptListener NONE = new AttemptListener() {
        @Override
        public void started(Target target) {}

        @Override
        public void ended(Target target) {}

        @Override
        public void succeeded(Target target, Credential credential) {}

        @Override
        public void failed(Target target, Credential credential, GatewayError error) {}
    };

    /** A call to {@code target} is being sent. */
    void started(Target target);

    /** That call is over: it failed, or the answer it began has been relayed. */
    void ended(Target target);

    /** The upstream accepted the call (a 2xx head arrived). */
    void succeeded(Target target, Credential credential);

    /** The call failed before the upstream accepted it. */
    void failed(Target target, Credential credential, GatewayError error);
}
