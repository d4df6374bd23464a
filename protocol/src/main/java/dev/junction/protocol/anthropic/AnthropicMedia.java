package dev.junction.protocol.anthropic;

import java.util.Locale;
import java.util.Set;

/**
 * The media Claude reads, as Anthropic documents them: images (JPEG, PNG, GIF, WebP) as
 * {@code image} blocks and PDF and plain-text documents as {@code document} blocks.
 */
final class AnthropicMedia {
    static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");
    static final String PDF = "application/pdf";
    static final String PLAIN_TEXT = "text/plain";

    private AnthropicMedia() {}

    static String normalize(String mimeType) {
        String type = mimeType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        type = (semicolon >= 0 ? type.substring(0, semicolon) : type).trim();
        return type.equals("image/jpg") ? "image/jpeg" : type;
    }

    static boolean isImage(String mimeType) {
        return IMAGE_TYPES.contains(normalize(mimeType));
    }
}
