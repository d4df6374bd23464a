package dev.junction.gateway.usage;

import java.util.Optional;

/**
 * Makes a record fit the {@code usage_records} table whatever a client or an upstream put in
 * it: every text cut to its column's length (never inside a surrogate pair), characters that
 * PostgreSQL refuses in text (NUL) or cannot encode (a lone surrogate) replaced, and numbers
 * that cannot be negative clamped at zero. A pure function: a record that already fits comes
 * back as it was (the same instance), so bounding costs nothing in the common case.
 *
 * <p>The lengths are those of the migrations (V2): a change there must change them here.
 */
public final class UsageRecordBounds {
    static final int REQUEST_ID = 64;
    static final int TOKEN_ID = 36;
    static final int NAME = 200;
    static final int UPSTREAM = 100;
    static final int PROTOCOL = 16;
    static final int ENDPOINT = 64;
    static final int ERROR_KIND = 32;
    private static final char REPLACEMENT = '\uFFFD';

    private UsageRecordBounds() {}

    /** {@code r} cut to fit, or {@code r} itself when it fits. */
    public static UsageRecord bound(UsageRecord r) {
        UsageRecord b = new UsageRecord(r.time(), text(r.requestId(), REQUEST_ID), text(r.tokenId(), TOKEN_ID),
                text(r.tokenName(), NAME), text(r.model(), NAME), text(r.upstreamModel(), NAME),
                text(r.upstream(), UPSTREAM), Math.max(0, r.attempts()), text(r.protocol(), PROTOCOL),
                text(r.endpoint(), ENDPOINT), r.stream(), Math.max(0, r.promptTokens()), Math.max(0, r.outputTokens()),
                Math.max(0, r.thoughtTokens()), Math.max(0, r.cachedTokens()), r.estimated(), Math.max(0, r.costMicros()),
                Math.max(0, r.latencyMillis()), r.firstByteMillis().map(ms -> Math.max(0L, ms)), r.status(),
                text(r.errorKind(), ERROR_KIND), r.clientGone());
        return b.equals(r) ? r : b;
    }

    private static Optional<String> text(Optional<String> value, int max) {
        return value.map(v -> text(v, max));
    }

    /** At most {@code max} characters, with NUL and lone surrogates replaced; null as empty. */
    static String text(String value, int max) {
        if (value == null) {
            return "";
        }
        if (value.length() <= max && clean(value)) {
            return value;
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), max));
        for (int i = 0; i < value.length() && out.length() < max; i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                if (out.length() + 2 > max) {
                    break; // a pair that does not fit whole is left out, not split
                }
                out.append(c).append(value.charAt(++i));
            } else if (c == 0 || Character.isSurrogate(c)) {
                out.append(REPLACEMENT);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean clean(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
