package dev.junction.gateway.signature;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;

/**
 * The thought signatures Gemini attached to the tool calls Junction returned, kept so that an
 * OpenAI client that drops unknown fields (most do) still gets them restored when it sends the
 * conversation back with only the tool call ids. Keyed by token and tool call id, so one
 * token's calls never supply another's. Bounded by total size (signatures are kilobytes) and
 * by age; an entry lost to either bound falls back to the documented bypass value upstream.
 */
public final class ThoughtSignatureStore {
    private final Cache<String, String> signatures;

    public ThoughtSignatureStore(long maxBytes, Duration ttl) {
        this(maxBytes, ttl, Ticker.systemTicker());
    }

    ThoughtSignatureStore(long maxBytes, Duration ttl, Ticker ticker) {
        this.signatures = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, String value) -> key.length() + value.length())
                .expireAfterWrite(ttl)
                .ticker(ticker)
                .build();
    }

    public void put(String tokenId, String toolCallId, String signature) {
        signatures.put(key(tokenId, toolCallId), signature);
    }

    public Optional<String> get(String tokenId, String toolCallId) {
        return Optional.ofNullable(signatures.getIfPresent(key(tokenId, toolCallId)));
    }

    private static String key(String tokenId, String toolCallId) {
        return tokenId + '\u0000' + toolCallId;
    }
}
