package dev.junction.gateway.context;

/**
 * One API operation. The pipeline hands it the request body once the caller is authenticated
 * (so an unauthenticated body is never read), and calls {@link #serve} after every filter has
 * passed. {@code serve} answers asynchronously and ends the exchange with
 * {@link Exchange#finish()} or {@link Exchange#fail}.
 */
public interface Endpoint {
    /** The API the caller speaks (how its errors look). */
    ClientApi api();

    /** The operation's name in logs and usage records, e.g. {@code streamGenerateContent}. */
    String name();

    /** Whether this call generates content: it is rate-limited, metered and recorded. */
    boolean generates();

    /**
     * Whether the answer is generated output, billed as output tokens. Embeddings are not: their
     * vectors cost input tokens only, so an estimate never counts them as output.
     */
    default boolean answersWithOutput() {
        return true;
    }

    /** Whether the request has a JSON body to read. */
    boolean hasBody();

    /** Reads and checks what the request asks for; sets the model on the exchange. */
    void read(Exchange exchange, byte[] body);

    /** Answers the request; runs on the request's event loop and must not block. */
    void serve(Exchange exchange);
}
