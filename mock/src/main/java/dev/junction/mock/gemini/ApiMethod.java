package dev.junction.mock.gemini;

import java.util.Optional;

/** The Gemini REST methods the mock answers, by the name after the colon in the path. */
enum ApiMethod {
    GENERATE_CONTENT("generateContent", "generateContent"),
    STREAM_GENERATE_CONTENT("streamGenerateContent", "generateContent"),
    COUNT_TOKENS("countTokens", "countTokens"),
    EMBED_CONTENT("embedContent", "embedContent"),
    BATCH_EMBED_CONTENTS("batchEmbedContents", "batchEmbedContents");

    /** The path verb, as in {@code models/x:streamGenerateContent}. */
    final String verb;
    /** The {@code supportedGenerationMethods} entry a model needs, which Google names in its 404. */
    final String capability;

    ApiMethod(String verb, String capability) {
        this.verb = verb;
        this.capability = capability;
    }

    static Optional<ApiMethod> ofVerb(String verb) {
        for (ApiMethod method : values()) {
            if (method.verb.equals(verb)) {
                return Optional.of(method);
            }
        }
        return Optional.empty();
    }
}
