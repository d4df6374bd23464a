package dev.junction.gateway.providers;

import java.util.Optional;

/** The Gemini REST methods Junction relays, as they appear after the colon in the path. */
public enum GeminiMethod {
    GENERATE_CONTENT("generateContent", true),
    STREAM_GENERATE_CONTENT("streamGenerateContent", true),
    COUNT_TOKENS("countTokens", false),
    EMBED_CONTENT("embedContent", true),
    BATCH_EMBED_CONTENTS("batchEmbedContents", true);

    private final String wire;
    private final boolean generates;

    GeminiMethod(String wire, boolean generates) {
        this.wire = wire;
        this.generates = generates;
    }

    public String wire() {
        return wire;
    }

    /** Whether the call is metered and rate-limited (counting tokens is free at Google too). */
    public boolean generates() {
        return generates;
    }

    /** Whether it answers with embeddings (input tokens only) rather than generated content. */
    public boolean embeds() {
        return this == EMBED_CONTENT || this == BATCH_EMBED_CONTENTS;
    }

    public static Optional<GeminiMethod> parse(String wire) {
        for (GeminiMethod m : values()) {
            if (m.wire.equals(wire)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
