package dev.junction.gateway.context;

import io.vertx.core.Future;
import java.util.Optional;

/** The parts of an HTTP request the pipeline reads; a seam so filters are tested without a server. */
public interface InboundRequest {
    String method();

    /** The raw (still percent-encoded) path. */
    String path();

    Optional<String> query(String name);

    Optional<String> header(String name);

    /** The client's IP address as text. */
    String remoteAddress();

    /**
     * The whole body, once it has arrived. Fails with a {@link dev.junction.protocol.model.GatewayException}
     * ({@code INVALID_REQUEST}) as soon as it grows past {@code maxBytes}; the rest is not read.
     */
    Future<byte[]> body(long maxBytes);
}
