package dev.junction.gateway.providers;

/**
 * OpenAI's own API, for the door that speaks it: the client's body goes out as it came (unknown
 * fields included), with only the model and the credential Junction's. Providers of
 * OpenAI-compatible vendors offer it.
 */
public interface OpenAiNativeApi {
    /** {@code POST {base}/chat/completions} with {@code body}, already rewritten for the vendor's model. */
    UpstreamCall chatCompletions(byte[] body, Credential credential);

    /** {@code POST {base}/embeddings} with {@code body}, already rewritten for the vendor's model. */
    UpstreamCall embeddings(byte[] body, Credential credential);
}
