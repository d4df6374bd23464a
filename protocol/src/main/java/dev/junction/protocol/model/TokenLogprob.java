package dev.junction.protocol.model;

import java.util.List;

/**
 * One generated token with its log probability and, when the caller asked for them, the most
 * likely alternatives at its position (each with an empty {@code top} of its own).
 */
public record TokenLogprob(String token, double logprob, List<TokenLogprob> top) {
    public TokenLogprob {
        top = List.copyOf(top);
    }
}
