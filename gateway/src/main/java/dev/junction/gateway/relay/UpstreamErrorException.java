package dev.junction.gateway.relay;

import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;

/**
 * The upstream answered with an error status. Carries the upstream's own status and body as
 * well as their meaning and which candidate answered, so that a door that speaks the vendor's
 * protocol can relay them as they were.
 */
public final class UpstreamErrorException extends GatewayException {
    private final int upstreamStatus;
    private final byte[] upstreamBody;
    private final Target target;

    public UpstreamErrorException(GatewayError error, int upstreamStatus, byte[] upstreamBody, Target target) {
        super(error);
        this.upstreamStatus = upstreamStatus;
        this.upstreamBody = upstreamBody;
        this.target = target;
    }

    public int upstreamStatus() {
        return upstreamStatus;
    }

    public byte[] upstreamBody() {
        return upstreamBody.clone();
    }

    /** The candidate whose answer this is. */
    public Target target() {
        return target;
    }
}
