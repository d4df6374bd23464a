package dev.junction.gateway.provider;

import dev.junction.protocol.model.GatewayError;

/**
 * A vendor endpoint Junction relays to: it knows its URLs, its credentials and its error shape;
 * the relay loop does the I/O. Only what the vendor really supports is declared here.
 */
public interface Upstream extends AutoCloseable {
    String name();

    /** Whether requests for {@code model} go here. */
    boolean serves(String model);

    /** How many credentials it rotates through (how many attempts a retry may make). */
    int credentialCount();

    /** Whether Gemini-native request bodies can be passed through unchanged. */
    boolean speaksGemini();

    /**
     * A Gemini-native call: the client's body goes out as it came, with only the model and the
     * credential chosen here. Streams are always requested with {@code alt=sse}.
     */
    UpstreamCall geminiCall(GeminiMethod method, String model, byte[] body);

    /** A call listing the upstream's models (Gemini's {@code models.list}, one page). */
    UpstreamCall listModelsCall(String pageToken);

    GatewayError decodeError(int status, byte[] body);

    /**
     * What happened with a call, so the credential it used can rest if the upstream limited or
     * rejected it.
     */
    void report(UpstreamCall call, GatewayError error);

    /** Removes this upstream's credentials from a text that will reach a client or a log. */
    String scrub(String text);

    UpstreamTransport transport();

    @Override
    void close();
}
