package dev.junction.gateway.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A client token as Junction knows it. The secret itself is not here: only its hash.
 *
 * @param cidrs client address blocks allowed to use it; empty means any address
 */
public record Token(
        String id,
        String name,
        String secretHash,
        String secretHint,
        TokenStatus status,
        Instant createdAt,
        Instant updatedAt,
        Optional<Instant> expiresAt,
        ModelAllowlist models,
        List<CidrBlock> cidrs,
        TokenLimits limits) {

    public Token {
        cidrs = List.copyOf(cidrs);
    }

    public boolean isExpired(Instant now) {
        return expiresAt.isPresent() && !now.isBefore(expiresAt.get());
    }
}
