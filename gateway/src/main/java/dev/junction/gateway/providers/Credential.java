package dev.junction.gateway.providers;

/**
 * One credential as an attempt uses it: the secret that goes on the wire, and the short form
 * logs may show ({@code ...abcd}, never more). Never log the record itself.
 */
public record Credential(String secret, String hint) {
    public static Credential of(String secret) {
        return new Credential(secret, hintOf(secret));
    }

    /** A secret's short form for logs: never more than its last four characters. */
    public static String hintOf(String secret) {
        return "..." + secret.substring(Math.max(0, secret.length() - 4));
    }

    @Override
    public String toString() {
        return "Credential[" + hint + "]";
    }
}
