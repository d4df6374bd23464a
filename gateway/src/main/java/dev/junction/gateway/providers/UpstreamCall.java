package dev.junction.gateway.providers;

import java.net.URI;
import java.util.Map;

/**
 * An HTTP request to an upstream, ready to send. {@code headers} hold the operator's credential:
 * never log this record.
 */
public record UpstreamCall(String method, URI uri, Map<String, String> headers, byte[] body, Credential credential) {
    public UpstreamCall {
        headers = Map.copyOf(headers);
    }

    @Override
    public String toString() {
        return "UpstreamCall[" + method + " " + uri.getPath() + "]";
    }
}
