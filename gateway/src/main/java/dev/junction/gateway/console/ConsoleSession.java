package dev.junction.gateway.console;

import java.time.Instant;

/**
 * A signed-in operator: the session id (kept in the browser only as an {@code HttpOnly} cookie),
 * the CSRF token every state-changing call must echo in a header, and the admin token the
 * session acts with, which never leaves the server.
 */
record ConsoleSession(String id, String csrf, String adminToken, Instant createdAt, Instant lastSeen) {
    ConsoleSession touched(Instant now) {
        return new ConsoleSession(id, csrf, adminToken, createdAt, now);
    }

    @Override
    public String toString() {
        return "ConsoleSession[created " + createdAt + "]";
    }
}
