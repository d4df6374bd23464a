package dev.junction.mock.gemini;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads the {@code mock:} directives that script the mock from the prompt.
 *
 * <p>Directives are words of the form {@code mock:name} or {@code mock:name=value}, separated
 * from the rest of the text by whitespace, anywhere in the text parts of the <b>last {@code user}
 * content that has text</b> (so they keep applying through a tool-calling loop, whose later user
 * turns carry only {@code functionResponse} parts). Trailing punctuation ({@code . , ; ! ?)}) is
 * ignored. An unknown directive or a bad value is answered with 400 {@code INVALID_ARGUMENT}
 * naming it, so a typo never silently does nothing. Directives are removed from the prompt before
 * the mock quotes it.
 *
 * <h2>The directive language</h2>
 *
 * <pre>
 * | Directive | Effect |
 * |---|---|
 * | (none) | A text answer that names the model and quotes the start of the prompt, streamed over at least 3 events (split at word boundaries). Media parts are described: mime type and decoded size of `inlineData`, mime type and URI of `fileData`. |
 * | `mock:words=N` | The answer has exactly N words. |
 * | `mock:events=N` | A stream has exactly N answer events (thought summaries and Gemini 3's final signature event come on top). The answer is lengthened to at least N words. |
 * | `mock:interval-ms=M` | M ms between stream events (benchmarks use `mock:events=20 mock:interval-ms=20`). |
 * | `mock:delay-ms=M` | M ms before the first byte of the response (status line included). |
 * | `mock:text` | Answer with text even when the request declares functions. |
 * | `mock:call=NAME` | Call function NAME (must be declared) instead of the first declared one. |
 * | `mock:parallel` | Two function calls in one model turn (the first two declared functions, or the one declared function twice). |
 * | `mock:steps=N` | A tool-calling turn of N sequential steps: function responses are answered with another call (as chosen above) until the current turn holds N model steps with calls, then with text. Default 1. |
 * | `mock:block` | HTTP 200 whose only content is `promptFeedback: {blockReason: SAFETY, safetyRatings: [...]}` (a stream sends one such event). |
 * | `mock:finish=REASON` | That `finishReason` on the last candidate (`SAFETY` adds `safetyRatings`); any of Google's values: `STOP`, `MAX_TOKENS`, `SAFETY`, `RECITATION`, `LANGUAGE`, `OTHER`, `BLOCKLIST`, `PROHIBITED_CONTENT`, `SPII`, `MALFORMED_FUNCTION_CALL`, ... |
 * | `mock:error=429` | 429 `RESOURCE_EXHAUSTED`, `QuotaFailure` with a per-minute `quotaId` and `RetryInfo.retryDelay` `34.4s`. |
 * | `mock:retry-delay=D` | With `mock:error=429`: the `retryDelay` to send, e.g. `0.5s`. |
 * | `mock:error=quota` | 429 `RESOURCE_EXHAUSTED` with a per-day `quotaId` (a spent quota, not a rate limit). |
 * | `mock:error=key` | 400 `INVALID_ARGUMENT`, `ErrorInfo.reason` `API_KEY_INVALID`, and a `DebugInfo` detail that echoes the request's key (a gateway must scrub it). |
 * | `mock:error=400`, `404`, `500`, `503`, or any other 4xx/5xx | Google's error body for that status (`404` as for an unknown model, `503` "The model is overloaded. Please try again later."). |
 * | `mock:status=N` | HTTP N with an HTML body, as a broken proxy in front of Google would send. |
 * | `mock:hang` | Read the request, then send nothing until the client goes away (or the server stops). |
 * | `mock:hang-after=N` | Stream N events, then stall with the response open. |
 * | `mock:reset-after=N` | Stream N events, then abort the connection (no clean end of the chunked body). |
 * | `mock:garbage-after=N` | Stream N events, then a `data: ` line that is not JSON, then end. |
 * | `mock:midstream-error` | Stream 2 events, then `data: {"error": {"code": 500, ..., "status": "INTERNAL"}}`, then end. |
 * </pre>
 *
 * <p>On a unary {@code generateContent}, the stream-only directives degrade naturally:
 * {@code hang-after} hangs, {@code reset-after} resets, {@code garbage-after} sends a 200 body
 * that is not JSON, {@code midstream-error} answers 500 {@code INTERNAL}.
 */
final class DirectiveParser {
    static final String PREFIX = "mock:";
    private static final Set<String> FINISH_REASONS = Set.of(
            "STOP", "MAX_TOKENS", "SAFETY", "RECITATION", "LANGUAGE", "OTHER", "BLOCKLIST",
            "PROHIBITED_CONTENT", "SPII", "MALFORMED_FUNCTION_CALL", "IMAGE_SAFETY", "UNEXPECTED_TOOL_CALL",
            "TOO_MANY_TOOL_CALLS", "FINISH_REASON_UNSPECIFIED", "IMAGE_PROHIBITED_CONTENT", "NO_IMAGE",
            "IMAGE_RECITATION", "IMAGE_OTHER");
    private static final int MAX_COUNT = 100_000;
    private static final long MAX_MILLIS = 600_000;

    private DirectiveParser() {}

    /** The directives in {@code text}; {@link Directives#NONE} when there are none. */
    static Directives parse(String text) {
        if (text.indexOf(PREFIX) < 0) {
            return Directives.NONE; // the fast path: ordinary prompts
        }
        Builder b = new Builder();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (isDirective(text, start, i)) {
                apply(b, trimPunctuation(text.substring(start + PREFIX.length(), i)));
            }
        }
        return b.build();
    }

    /** {@code text} without its directives, whitespace collapsed: what the mock quotes back. */
    static String strip(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (start < i && !isDirective(text, start, i)) {
                if (!out.isEmpty()) {
                    out.append(' ');
                }
                out.append(text, start, i);
            }
        }
        return out.toString();
    }

    /** A word that starts with {@code mock:} followed by a letter: a bare "mock:" is prose. */
    private static boolean isDirective(String text, int start, int end) {
        int nameStart = start + PREFIX.length();
        return nameStart < end && text.startsWith(PREFIX, start) && Character.isLetter(text.charAt(nameStart));
    }

    private static String trimPunctuation(String token) {
        int end = token.length();
        while (end > 0 && ".,;!?)".indexOf(token.charAt(end - 1)) >= 0) {
            end--;
        }
        return token.substring(0, end);
    }

    private static void apply(Builder b, String token) {
        int eq = token.indexOf('=');
        String name = (eq < 0 ? token : token.substring(0, eq)).toLowerCase(Locale.ROOT);
        String value = eq < 0 ? null : token.substring(eq + 1);
        switch (name) {
            case "error" -> b.error = Optional.of(required(name, value).toLowerCase(Locale.ROOT));
            case "retry-delay" -> b.retryDelay = Optional.of(delayValue(required(name, value)));
            case "status" -> b.status = OptionalInt.of(httpStatus(name, required(name, value)));
            case "block" -> b.block = flag(name, value);
            case "finish" -> b.finish = Optional.of(finishReason(required(name, value)));
            case "events" -> b.events = OptionalInt.of(count(name, value, 1));
            case "interval-ms" -> b.interval = Duration.ofMillis(millis(name, value));
            case "delay-ms" -> b.delay = Duration.ofMillis(millis(name, value));
            case "words" -> b.words = OptionalInt.of(count(name, value, 1));
            case "parallel" -> b.parallel = flag(name, value);
            case "text" -> b.forceText = flag(name, value);
            case "call" -> b.call = Optional.of(required(name, value));
            case "steps" -> b.steps = count(name, value, 1);
            case "hang" -> b.hang = flag(name, value);
            case "hang-after" -> b.hangAfter = OptionalInt.of(count(name, value, 0));
            case "reset-after" -> b.resetAfter = OptionalInt.of(count(name, value, 0));
            case "garbage-after" -> b.garbageAfter = OptionalInt.of(count(name, value, 0));
            case "midstream-error" -> b.midstreamError = flag(name, value);
            default -> throw bad("Unknown mock directive \"mock:" + name + "\". Known: error, retry-delay, status, "
                    + "block, finish, events, interval-ms, delay-ms, words, parallel, text, call, hang, hang-after, "
                    + "reset-after, garbage-after, midstream-error.");
        }
    }

    private static String required(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw bad("Mock directive \"mock:" + name + "\" needs a value, e.g. mock:" + name + "=...");
        }
        return value;
    }

    private static boolean flag(String name, String value) {
        if (value != null && !value.equals("true")) {
            throw bad("Mock directive \"mock:" + name + "\" takes no value.");
        }
        return true;
    }

    private static int count(String name, String value, int min) {
        long n = number(name, required(name, value));
        if (n < min || n > MAX_COUNT) {
            throw bad("Mock directive \"mock:" + name + "\" must be between " + min + " and " + MAX_COUNT + ".");
        }
        return (int) n;
    }

    private static long millis(String name, String value) {
        long n = number(name, required(name, value));
        if (n < 0 || n > MAX_MILLIS) {
            throw bad("Mock directive \"mock:" + name + "\" must be between 0 and " + MAX_MILLIS + " ms.");
        }
        return n;
    }

    private static int httpStatus(String name, String value) {
        long n = number(name, value);
        if (n < 200 || n > 599) {
            throw bad("Mock directive \"mock:" + name + "\" must be an HTTP status between 200 and 599.");
        }
        return (int) n;
    }

    private static long number(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw bad("Mock directive \"mock:" + name + "\" needs a whole number, not \"" + value + "\".");
        }
    }

    private static String finishReason(String value) {
        String reason = value.toUpperCase(Locale.ROOT);
        if (!FINISH_REASONS.contains(reason)) {
            throw bad("Mock directive \"mock:finish\" must be one of " + FINISH_REASONS + ", not \"" + value + "\".");
        }
        return reason;
    }

    private static String delayValue(String value) {
        String digits = value.endsWith("s") ? value.substring(0, value.length() - 1) : value;
        try {
            if (new java.math.BigDecimal(digits).signum() < 0) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw bad("Mock directive \"mock:retry-delay\" must look like 34.4s, not \"" + value + "\".");
        }
        return digits + "s";
    }

    private static MockRequestException bad(String message) {
        return new MockRequestException(GoogleErrorBodies.invalidArgument(message));
    }

    private static final class Builder {
        Optional<String> error = Optional.empty();
        Optional<String> retryDelay = Optional.empty();
        OptionalInt status = OptionalInt.empty();
        boolean block;
        Optional<String> finish = Optional.empty();
        OptionalInt events = OptionalInt.empty();
        Duration interval = Duration.ZERO;
        Duration delay = Duration.ZERO;
        OptionalInt words = OptionalInt.empty();
        boolean parallel;
        boolean forceText;
        Optional<String> call = Optional.empty();
        boolean hang;
        OptionalInt hangAfter = OptionalInt.empty();
        OptionalInt resetAfter = OptionalInt.empty();
        OptionalInt garbageAfter = OptionalInt.empty();
        boolean midstreamError;
        int steps = 1;

        Directives build() {
            return new Directives(error, retryDelay, status, block, finish, events, interval, delay, words, parallel,
                    forceText, call, hang, hangAfter, resetAfter, garbageAfter, midstreamError, steps);
        }
    }
}
