package dev.junction.gateway.access;

import java.util.Locale;

/** Whether a token may still be used. Tokens are revoked, never deleted, so usage keeps its owner. */
public enum TokenStatus {
    ACTIVE,
    REVOKED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TokenStatus parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
