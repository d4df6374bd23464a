package dev.junction.gateway.console;

import java.util.Optional;

/**
 * The console's session cookie: {@code HttpOnly}, {@code SameSite=Strict}, limited to
 * {@code /console}, and {@code Secure} when the browser reached Junction over TLS (directly or
 * through a proxy that says so in {@code X-Forwarded-Proto}).
 */
final class SessionCookie {
    static final String NAME = "junction_console";

    private SessionCookie() {}

    static String set(String sessionId, long maxAgeSeconds, boolean secure) {
        return NAME + "=" + sessionId + "; Path=/console; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }

    static String clear(boolean secure) {
        return NAME + "=; Path=/console; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    /** The session id in a {@code Cookie} header, if there is one. */
    static Optional<String> read(String cookieHeader) {
        if (cookieHeader == null) {
            return Optional.empty();
        }
        for (String part : cookieHeader.split(";")) {
            String p = part.trim();
            if (p.startsWith(NAME + "=")) {
                String value = p.substring(NAME.length() + 1).trim();
                return value.isEmpty() ? Optional.empty() : Optional.of(value);
            }
        }
        return Optional.empty();
    }

    static boolean secure(boolean tls, String forwardedProto) {
        return tls || (forwardedProto != null && forwardedProto.trim().toLowerCase(java.util.Locale.ROOT).startsWith("https"));
    }
}
