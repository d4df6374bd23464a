package dev.junction.mock.gemini;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Replies already planned, by call. {@link MockBehaviour} is a pure function of the call (API
 * version, model, method, body, key), and benchmarks send the same few calls again and again: a
 * repeated call is answered with the bytes made the first time, so the mock costs little more
 * than its HTTP server. Bounded: small bodies only, short streams only, and at most
 * {@link #MAX_ENTRIES} calls (the cache starts over when full).
 */
final class ReplyCache {
    static final int MAX_ENTRIES = 1024;
    static final int MAX_BODY_BYTES = 16 * 1024;
    static final int MAX_EVENTS = 256;

    private final ConcurrentHashMap<Key, PlannedReply> replies = new ConcurrentHashMap<>();

    /** The reply to a call, planned by {@code plan} unless an equal call was planned before. */
    PlannedReply get(MockRoute.Call call, Optional<String> apiKey, byte[] body, Supplier<MockReply> plan) {
        if (body.length > MAX_BODY_BYTES) {
            return PlannedReply.once(plan.get());
        }
        Key key = new Key(call.version(), call.model(), call.method(), apiKey.orElse(null), body);
        PlannedReply known = replies.get(key);
        if (known != null) {
            return known;
        }
        MockReply reply = plan.get();
        if (reply instanceof MockReply.Stream stream && stream.events().size() > MAX_EVENTS) {
            return PlannedReply.once(reply);
        }
        PlannedReply planned = PlannedReply.kept(reply);
        if (replies.size() >= MAX_ENTRIES) {
            replies.clear();
        }
        replies.put(key, planned);
        return planned;
    }

    int size() {
        return replies.size();
    }

    private static final class Key {
        private final String version;
        private final String model;
        private final ApiMethod method;
        private final String apiKey;
        private final byte[] body;
        private final int hash;

        Key(String version, String model, ApiMethod method, String apiKey, byte[] body) {
            this.version = version;
            this.model = model;
            this.method = method;
            this.apiKey = apiKey;
            this.body = body;
            int h = Arrays.hashCode(body);
            h = 31 * h + version.hashCode();
            h = 31 * h + model.hashCode();
            h = 31 * h + method.hashCode();
            this.hash = 31 * h + (apiKey == null ? 0 : apiKey.hashCode());
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && k.hash == hash && k.method == method && k.version.equals(version)
                    && k.model.equals(model) && java.util.Objects.equals(k.apiKey, apiKey)
                    && Arrays.equals(k.body, body);
        }
    }
}
