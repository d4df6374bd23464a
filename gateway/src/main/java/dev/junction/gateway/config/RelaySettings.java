package dev.junction.gateway.config;

import java.time.Duration;

/**
 * How upstream answers are held while they are relayed.
 *
 * @param maxAnswerBytes the largest whole (non-streamed) upstream answer read; a larger one is a
 *     clean 502
 * @param answerMemory how many bytes of whole answers may be held at once across all requests;
 *     0 means an eighth of the heap. An answer that does not fit is a clean 502, never an
 *     exhausted heap
 * @param streamKeepAlive how long a client's stream may stay silent before Junction writes its
 *     protocol's keep-alive (Anthropic's {@code ping}), for proxies that close idle connections
 */
public record RelaySettings(long maxAnswerBytes, long answerMemory, Duration streamKeepAlive) {
    public static final RelaySettings DEFAULTS = new RelaySettings(0, 0, Duration.ofSeconds(10));

    /** The bytes of whole answers held at once: the configured figure, or an eighth of the heap. */
    public long answerMemoryOrDefault() {
        return answerMemory > 0 ? answerMemory : Math.max(8L * 1024 * 1024, Runtime.getRuntime().maxMemory() / 8);
    }

    /** The largest single answer read: the configured figure, or the whole answer memory. */
    public int maxAnswerBytesOrDefault() {
        long limit = maxAnswerBytes > 0 ? Math.min(maxAnswerBytes, answerMemoryOrDefault()) : answerMemoryOrDefault();
        return (int) Math.min(Integer.MAX_VALUE - 8, limit);
    }
}
