package dev.junction.gateway.access;

import java.util.List;

/**
 * Tokens changed after a change number, and the number of the latest change among them (the
 * number asked from when there were none), which the next request for changes starts after.
 */
public record ChangedTokens(List<Token> tokens, long through) {
    public ChangedTokens {
        tokens = List.copyOf(tokens);
    }
}
