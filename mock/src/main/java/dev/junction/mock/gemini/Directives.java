package dev.junction.mock.gemini;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code mock:} directives found in a prompt, parsed by {@link DirectiveParser} (whose Javadoc
 * is the reference for the language). Unset numbers are empty; flags default to false.
 */
record Directives(
        Optional<String> error,
        Optional<String> retryDelay,
        OptionalInt status,
        boolean block,
        Optional<String> finish,
        OptionalInt events,
        Duration interval,
        Duration delay,
        OptionalInt words,
        boolean parallel,
        boolean forceText,
        Optional<String> call,
        boolean hang,
        OptionalInt hangAfter,
        OptionalInt resetAfter,
        OptionalInt garbageAfter,
        boolean midstreamError,
        int steps) {

    static final Directives NONE = new Directives(Optional.empty(), Optional.empty(), OptionalInt.empty(), false,
            Optional.empty(), OptionalInt.empty(), Duration.ZERO, Duration.ZERO, OptionalInt.empty(), false, false,
            Optional.empty(), false, OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), false, 1);

    /**
     * The fewest answer events the stream needs so that a hostile end ({@code hang-after=N} and
     * the like) cuts it before its natural end: N + 1, or 3 for {@code midstream-error}.
     */
    int minimumEvents() {
        int min = events.orElse(0);
        for (OptionalInt after : new OptionalInt[] {hangAfter, resetAfter, garbageAfter}) {
            if (after.isPresent()) {
                min = Math.max(min, after.getAsInt() + 1);
            }
        }
        return midstreamError ? Math.max(min, 3) : min;
    }

    /** True when the stream must end in one of the hostile ways rather than cleanly. */
    boolean hostileEnd() {
        return hangAfter.isPresent() || resetAfter.isPresent() || garbageAfter.isPresent() || midstreamError;
    }
}
