package dev.junction.gateway.context;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads one parameter from a raw query string, leniently: a broken escape ({@code %ZZ}, a
 * lone {@code %}) is kept as it stands and bytes that are not UTF-8 become U+FFFD, so a hostile
 * query string is a value that fails where it is used, never an exception that leaves the
 * request unanswered.
 */
public final class QueryStrings {
    private QueryStrings() {}

    /** The first value of {@code name} in {@code rawQuery} (without its {@code ?}); empty when absent or no query. */
    public static Optional<String> first(String rawQuery, String name) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Optional.empty();
        }
        for (String pair : rawQuery.split("&", -1)) {
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals));
            if (key.equals(name)) {
                return Optional.of(equals < 0 ? "" : decode(pair.substring(equals + 1)));
            }
        }
        return Optional.empty();
    }

    /** Percent-decoding as in a form: {@code +} is a space. */
    static String decode(String raw) {
        if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '+') {
                out.write(' ');
                continue;
            }
            if (c == '%' && i + 2 < raw.length()) {
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0) {
                    out.write((hi << 4) | lo);
                    i += 2;
                    continue;
                }
            }
            int codePoint = raw.codePointAt(i);
            out.writeBytes(Character.toString(codePoint).getBytes(StandardCharsets.UTF_8));
            i += Character.charCount(codePoint) - 1;
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
