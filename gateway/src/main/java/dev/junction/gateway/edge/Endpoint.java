package dev.junction.gateway.edge;

/**
 * One API operation. The pipeline calls {@link #read} after the caller is authenticated (so an
 * unauthenticated body is never read) and {@link #serve} after every filter has passed.
 */
public interface Endpoint {
    ClientProtocol protocol();

    /** The operation's name in logs and usage records, e.g. {@code streamGenerateContent}. */
    String name();

    /** Whether this call generates content: it is rate-limited, metered and recorded. */
    boolean generates();

    /** Reads and checks what the request asks for; sets the model on the exchange. */
    void read(Exchange exchange);

    /** Answers the request. */
    void serve(Exchange exchange);
}
