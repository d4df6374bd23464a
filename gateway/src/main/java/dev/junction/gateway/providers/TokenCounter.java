package dev.junction.gateway.providers;

import dev.junction.protocol.model.ChatRequest;

/** How an upstream counts a canonical prompt's input tokens without generating. */
public interface TokenCounter {
    /** The counting call for {@code request} on {@code model} (the vendor's id). */
    UpstreamCall countCall(ChatRequest request, String model, Credential credential);

    /** The count in the vendor's answer to {@link #countCall}. */
    int decodeCount(byte[] body);
}
