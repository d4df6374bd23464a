package dev.junction.gateway.relay;

import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;

/**
 * The upstream answered with an error status. Carries the upstream's own status and body as
 * well as their meaning, so that a passthrough endpoint can relay them as they were.
 */
public final class UpstreamErrorException extends GatewayException {
    private final int upstreamStatus;
    private final byte[] upstreamBody;

    public UpstreamErrorException(GatewayError error, int upstreamStatus, byte[] upstreamBody) {
        super(error);
        this.upstreamStatus = upstreamStatus;
        this.upstreamBody = upstreamBody;
    }

    public int upstreamStatus() {
        return upstreamStatus;
    }

    public byte[] upstreamBody() {
        return upstreamBody.clone();
    }
}
