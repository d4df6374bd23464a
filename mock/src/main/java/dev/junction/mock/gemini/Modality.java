package dev.junction.mock.gemini;

import java.util.Locale;

/** The modalities of {@code usageMetadata.promptTokensDetails}, with the mock's fixed token cost per media part. */
enum Modality {
    TEXT(0),
    IMAGE(258),      // Google's documented cost of an image up to 384 px
    AUDIO(320),      // 32 tokens/s; the length is unknowable without decoding, so a fixed 10 s
    VIDEO(2_580),    // 258 tokens/s sampled at 1 fps, likewise a fixed 10 s
    DOCUMENT(258);   // one page

    final int tokensPerPart;

    Modality(int tokensPerPart) {
        this.tokensPerPart = tokensPerPart;
    }

    static Modality ofMimeType(String mimeType) {
        String type = mimeType.toLowerCase(Locale.ROOT);
        if (type.startsWith("image/")) {
            return IMAGE;
        } else if (type.startsWith("audio/")) {
            return AUDIO;
        } else if (type.startsWith("video/")) {
            return VIDEO;
        } else if (type.startsWith("text/") || type.equals("application/json")) {
            return TEXT;
        }
        return DOCUMENT;
    }
}
