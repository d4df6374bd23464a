package dev.junction.gateway.provider;

import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import java.util.List;

/** The configured upstreams, in order; the first one that serves a model gets its requests. */
public final class UpstreamRegistry implements AutoCloseable {
    private final List<Upstream> upstreams;

    public UpstreamRegistry(List<Upstream> upstreams) {
        this.upstreams = List.copyOf(upstreams);
    }

    public List<Upstream> all() {
        return upstreams;
    }

    /** @throws GatewayException {@code NOT_FOUND} when no upstream serves the model */
    public Upstream route(String model) {
        for (Upstream upstream : upstreams) {
            if (upstream.serves(model)) {
                return upstream;
            }
        }
        throw new GatewayException(GatewayError.of(GatewayError.Kind.NOT_FOUND,
                "The model '" + model + "' does not exist or is not served by this gateway.")
                .withCode("model_not_found").withParam("model"));
    }

    @Override
    public void close() {
        upstreams.forEach(Upstream::close);
    }
}
