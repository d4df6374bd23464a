package dev.junction.gateway.edge;

import java.io.InputStream;
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

    InputStream body();
}
