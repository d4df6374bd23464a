package dev.junction.protocol.openai;

import dev.junction.protocol.JsonField;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A {@code data:<mime>;base64,<payload>} URL, checked but not decoded: the payload travels on to
 * Gemini exactly as the client sent it ({@link dev.junction.protocol.model.Part.Blob}).
 *
 * <p>Only base64 data URLs are accepted (percent-encoded ones would have to be re-encoded, and no
 * OpenAI client sends them for media). The payload must be standard or URL-safe base64 with
 * correct padding; a stray character, whitespace or a truncated payload is a 400 here rather
 * than an opaque upstream error later.
 */
public record DataUrl(String mimeType, String base64) {
    private static final Pattern MIME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9!#$&^_.+-]*/[a-zA-Z0-9][a-zA-Z0-9!#$&^_.+-]*");

    public static boolean looksLikeOne(String url) {
        return url.regionMatches(true, 0, "data:", 0, 5);
    }

    /** Parses {@code field}'s string value; throws a 400 naming {@code field} when it is not a valid data URL. */
    public static DataUrl parse(JsonField field) {
        String url = field.string();
        if (!looksLikeOne(url)) {
            throw field.invalid("Invalid '" + field.path() + "': expected a data URL (data:<mime type>;base64,<data>).");
        }
        int comma = url.indexOf(',');
        if (comma < 0) {
            throw field.invalid("Invalid '" + field.path() + "': the data URL has no ',' before its data.");
        }
        String header = url.substring(5, comma);
        if (!header.toLowerCase(Locale.ROOT).endsWith(";base64")) {
            throw field.invalid("Invalid '" + field.path() + "': only base64 data URLs are supported"
                    + " (data:<mime type>;base64,<data>).");
        }
        String mime = header.substring(0, header.length() - ";base64".length());
        int parameters = mime.indexOf(';');
        if (parameters >= 0) {
            mime = mime.substring(0, parameters); // e.g. ";charset=utf-8" means nothing to Gemini
        }
        if (!MIME.matcher(mime).matches()) {
            throw field.invalid("Invalid '" + field.path() + "': the data URL has no valid mime type"
                    + " (expected e.g. data:image/png;base64,...).");
        }
        String payload = url.substring(comma + 1);
        checkBase64(field, payload);
        return new DataUrl(mime.toLowerCase(Locale.ROOT), payload);
    }

    /** Throws a 400 naming {@code field} unless {@code payload} is non-empty, well-padded base64. */
    public static void checkBase64(JsonField field, String payload) {
        if (payload.isEmpty()) {
            throw field.invalid("Invalid '" + field.path() + "': the base64 data is empty.");
        }
        int padding = 0;
        for (int i = 0; i < payload.length(); i++) {
            char c = payload.charAt(i);
            if (c == '=') {
                padding++;
            } else if (padding > 0 || !isBase64Char(c)) {
                throw field.invalid("Invalid '" + field.path() + "': the data is not valid base64 (unexpected "
                        + describe(c) + " at position " + i + ").");
            }
        }
        int length = payload.length();
        boolean badPadding = padding > 2 || (padding > 0 && length % 4 != 0) || (padding == 0 && length % 4 == 1);
        if (badPadding) {
            throw field.invalid("Invalid '" + field.path() + "': the data is not valid base64 (wrong length or padding).");
        }
    }

    private static boolean isBase64Char(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '+' || c == '/' || c == '-' || c == '_';
    }

    private static String describe(char c) {
        return c >= 0x21 && c < 0x7f ? "'" + c + "'" : String.format("character U+%04X", (int) c);
    }
}
