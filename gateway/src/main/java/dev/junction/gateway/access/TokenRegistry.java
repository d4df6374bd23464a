package dev.junction.gateway.access;

import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every token, in memory, by hash: authentication never touches the database. {@link #refresh()}
 * catches up with the table (run every couple of seconds, so a token revoked on any instance
 * stops working everywhere within seconds). It asks for the changes numbered after the last one
 * it has seen: the database numbers them in the order they commit, so no change is missed
 * however far apart the clocks of the instances that made them are.
 */
public final class TokenRegistry {
    private final TokenStore store;
    private final Clock clock;
    private final ConcurrentHashMap<String, Token> byHash = new ConcurrentHashMap<>();
    private volatile long seen = -1;

    public TokenRegistry(TokenStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Loads changes from the store; safe to call from any thread, one at a time. */
    public synchronized void refresh() {
        ChangedTokens changed = store.changedAfter(seen);
        for (Token token : changed.tokens()) {
            byHash.put(token.secretHash(), token);
        }
        seen = changed.through();
    }

    public int size() {
        return byHash.size();
    }

    /**
     * The active token whose secret was presented.
     *
     * @throws GatewayException {@code AUTHENTICATION} for a missing, unknown, revoked or expired token
     */
    public Token authenticate(String presented) {
        if (presented == null || presented.isBlank()) {
            throw new GatewayException(GatewayError.of(GatewayError.Kind.AUTHENTICATION,
                    "No token given: send 'Authorization: Bearer <token>' (or 'x-goog-api-key: <token>')."));
        }
        byte[] hash = TokenSecrets.hash(presented.trim());
        Token token = byHash.get(HexFormat.of().formatHex(hash));
        if (token == null || !MessageDigest.isEqual(hash, HexFormat.of().parseHex(token.secretHash()))) {
            throw new GatewayException(GatewayError.of(GatewayError.Kind.AUTHENTICATION,
                    "Invalid token: Junction does not know the token given."));
        }
        if (token.status() != TokenStatus.ACTIVE) {
            throw new GatewayException(GatewayError.of(GatewayError.Kind.AUTHENTICATION,
                    "The token '" + token.name() + "' has been revoked.").withCode("token_revoked"));
        }
        if (token.isExpired(clock.instant())) {
            throw new GatewayException(GatewayError.of(GatewayError.Kind.AUTHENTICATION,
                    "The token '" + token.name() + "' expired at " + token.expiresAt().orElseThrow() + ".")
                    .withCode("token_expired"));
        }
        return token;
    }
}
