package dev.junction.gateway.access;

import java.security.MessageDigest;
import java.util.Optional;

/**
 * The operator's admin token, kept as its hash: whether one is configured, and whether an
 * {@code Authorization: Bearer ...} header carries it (compared in constant time).
 */
public final class AdminToken {
    private final Optional<byte[]> hash;

    public AdminToken(Optional<String> token) {
        this.hash = token.map(TokenSecrets::hash);
    }

    public boolean configured() {
        return hash.isPresent();
    }

    /** Whether {@code authorization} is {@code Bearer <the admin token>}; never when none is configured. */
    public boolean accepts(Optional<String> authorization) {
        String presented = authorization.map(String::trim)
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7)).map(h -> h.substring(7).trim()).orElse("");
        return hash.isPresent() && !presented.isEmpty() && MessageDigest.isEqual(TokenSecrets.hash(presented), hash.get());
    }
}
