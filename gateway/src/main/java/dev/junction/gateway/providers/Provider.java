package dev.junction.gateway.providers;

import dev.junction.protocol.model.ChatRequest;
import dev.junction.protocol.model.ChatResponse;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.ToolCallIds;
import java.util.Optional;

/**
 * One configured upstream, speaking its vendor's protocol: it knows its URLs, its credentials,
 * its error shape, and how Junction's canonical chat model is written on its wire and read back.
 * It does no I/O itself: the relay sends what it prepares and hands it what came back.
 *
 * <p>A door that speaks the same protocol as the vendor asks for its native API
 * ({@link #nativeApi}) and relays bodies as they came; every other door goes through
 * {@link #chat} and the decoders.
 */
public interface Provider extends AutoCloseable {
    /** The operator's name for this upstream. */
    String name();

    /** What kind of upstream it is ({@code gemini}, {@code vertex}, ...), for listings and logs. */
    String kind();

    /** What it can do, declared (never stubbed: what is not declared is refused before a call). */
    Capabilities capabilities();

    Credentials credentials();

    UpstreamTransport transport();

    /** A canonical chat request as a call to this vendor, for {@code model} (the vendor's id). */
    UpstreamCall chat(ChatRequest request, String model, Credential credential);

    /** A whole (non-streamed) answer to {@link #chat}. */
    ChatResponse decodeChat(byte[] body, ToolCallIds ids);

    /** A fold over the events of a streamed answer to {@link #chat}; one per stream. */
    ChatStreamDecoder chatStream(ToolCallIds ids);

    /**
     * What an error answer means (never fails, whatever the body), already scrubbed of the
     * operator's credentials.
     *
     * @param retryAfter the {@code Retry-After} header, when the vendor sent one
     */
    GatewayError decodeError(int status, byte[] body, Optional<String> retryAfter);

    /**
     * The vendor's own API, for a door that speaks it: {@code GeminiNativeApi} on Gemini and
     * Vertex. Empty when this provider does not speak {@code api}.
     */
    default <T> Optional<T> nativeApi(Class<T> api) {
        return Optional.empty();
    }

    /** How to count a prompt's tokens, when the vendor can ({@link Capabilities#countsTokens}). */
    default Optional<TokenCounter> tokenCounter() {
        return Optional.empty();
    }

    /** How to embed texts, when the vendor can (an embeddings model is asked for by name). */
    default Optional<Embedder> embedder() {
        return Optional.empty();
    }

    /** How to list the vendor's models, when it lists them; else the configured names stand. */
    default Optional<ModelLister> lister() {
        return Optional.empty();
    }

    /** Removes this upstream's credentials from a text that will reach a client or a log. */
    default String scrub(String text) {
        return credentials().scrub(text);
    }

    /** {@code error} with this upstream's credentials removed from its message (the same error when none was there). */
    default GatewayError scrub(GatewayError error) {
        String scrubbed = scrub(error.message());
        return scrubbed.equals(error.message()) ? error : error.withMessage(scrubbed);
    }

    @Override
    void close();
}
