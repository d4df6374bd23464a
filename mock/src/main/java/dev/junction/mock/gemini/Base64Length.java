package dev.junction.mock.gemini;

/**
 * Checks base64 text the way Google's proto {@code bytes} parser accepts it (standard or
 * URL-safe alphabet, padding optional) and returns the decoded length without decoding: a
 * multi-megabyte image costs one scan and no allocation.
 */
final class Base64Length {
    private Base64Length() {}

    /** The number of decoded bytes, or {@code -1} when {@code data} is not base64. */
    static long decodedLength(String data) {
        int n = data.length();
        int padding = 0;
        while (n > 0 && data.charAt(n - 1) == '=' && padding < 2) {
            n--;
            padding++;
        }
        for (int i = 0; i < n; i++) {
            char c = data.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '+' || c == '/' || c == '-' || c == '_';
            if (!ok) {
                return -1;
            }
        }
        if (n % 4 == 1 || (padding > 0 && (n + padding) % 4 != 0)) {
            return -1;
        }
        return (long) n * 6 / 8;
    }
}
