package dev.junction.gateway.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Making and hashing client tokens. A token is {@code jn-} and 43 characters of 256 random bits;
 * only its SHA-256 is stored. A fast hash is right here (unlike for passwords) because the
 * secret has full entropy: there is nothing to guess.
 */
public final class TokenSecrets {
    private static final String PREFIX = "jn-";
    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenSecrets() {}

    public static String generate() {
        StringBuilder token = new StringBuilder(PREFIX);
        for (int i = 0; i < 43; i++) {
            token.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return token.toString();
    }

    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static String hashHex(String token) {
        return HexFormat.of().formatHex(hash(token));
    }

    /** The last four characters, shown in listings so operators can tell tokens apart. */
    public static String hint(String token) {
        return "..." + token.substring(Math.max(0, token.length() - 4));
    }
}
