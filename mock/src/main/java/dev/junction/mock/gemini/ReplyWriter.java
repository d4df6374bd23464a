package dev.junction.mock.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Executes a {@link MockReply} on a Vert.x response, on the connection's event loop, without ever
 * blocking it: a whole reply is one {@code end(buffer)}; every wait a plan asks for (the first
 * byte's delay, the interval between stream events, a stall) is a timer; a stream writes one
 * chunk per event and respects back-pressure, so a slow reader holds at most a socket buffer's
 * worth of memory. A client that goes away cancels the pending timer.
 *
 * <p>Ending a connection abruptly (reset, abort, the end of a stall) closes it without the chunked
 * body's terminator, once what was written before has reached the socket. Closing the server
 * closes every connection and stops every timer with its event loops.
 */
final class ReplyWriter {
    static final String JSON = "application/json; charset=UTF-8";

    private static final CharSequence DATE = HttpHeaders.createOptimized("Date");
    private static final CharSequence CONTENT_TYPE = HttpHeaders.createOptimized("Content-Type");
    private static final CharSequence CONTENT_LENGTH = HttpHeaders.createOptimized("Content-Length");
    private static final CharSequence TRANSFER_ENCODING = HttpHeaders.createOptimized("Transfer-Encoding");
    private static final CharSequence CHUNKED = HttpHeaders.createOptimized("chunked");
    private static final CharSequence JSON_TYPE = HttpHeaders.createOptimized(JSON);
    private static final CharSequence SSE_TYPE = HttpHeaders.createOptimized(StreamFraming.SSE.contentType);
    private static final CharSequence HTML_TYPE = HttpHeaders.createOptimized(HtmlErrorPage.CONTENT_TYPE);

    private static final long DISCARD_MILLIS = 5_000;

    private final Vertx vertx;
    private final long maxStallMillis;

    ReplyWriter(Vertx vertx, Duration maxStall) {
        this.vertx = vertx;
        this.maxStallMillis = millis(maxStall);
    }

    void write(PlannedReply planned, StreamFraming framing, HttpServerRequest req) {
        MockReply reply = planned.reply;
        if (reply.delay().isZero()) {
            switch (reply) {
                // the common case, with nothing to wait for: no state, no timer
                case MockReply.Json json -> {
                    sendWhole(req.response(), json.status(), JSON_TYPE, planned.jsonBody());
                    return;
                }
                case MockReply.Raw raw -> {
                    sendWhole(req.response(), raw.status(), contentType(raw.contentType()), raw.body());
                    return;
                }
                default -> { }
            }
        }
        new Execution(planned, framing, req).start();
    }

    /**
     * Answers before the request's body has been read (it is too large), then discards what
     * still comes and closes the connection at the body's end, or after {@link #DISCARD_MILLIS}.
     * Closing at once would make the kernel reset a connection with unread data, and the client
     * could lose the answer.
     */
    void refuseBody(HttpServerRequest req, MockReply.Json reply) {
        Runnable close = () -> req.connection().close();
        long timer = vertx.setTimer(DISCARD_MILLIS, id -> close.run());
        req.handler(ignored -> { });
        req.endHandler(end -> {
            vertx.cancelTimer(timer);
            close.run();
        });
        req.response().headers().add(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        sendWhole(req.response(), reply.status(), JSON_TYPE, GoogleJson.pretty(reply.body()));
    }

    private static void sendWhole(HttpServerResponse res, int status, CharSequence contentType, byte[] body) {
        setStatus(res, status);
        MultiMap headers = res.headers();
        headers.add(DATE, HttpDate.now());
        headers.add(CONTENT_LENGTH, Integer.toString(body.length));
        headers.add(CONTENT_TYPE, contentType);
        res.end(Buffer.buffer(body));
    }

    private static void setStatus(HttpServerResponse res, int status) {
        res.setStatusCode(status);
        String reason = status >= 0 && status < REASONS.length ? REASONS[status] : null;
        if (reason != null) {
            res.setStatusMessage(reason);
        }
    }

    /**
     * Reason phrases where Netty has none of its own (it would say {@code Client Error (418)}):
     * 418's, and the bare number for the others, as the mock always sent them.
     */
    private static final String[] REASONS = new String[600];

    static {
        for (int code = 100; code < REASONS.length; code++) {
            String netty = io.netty.handler.codec.http.HttpResponseStatus.valueOf(code).reasonPhrase();
            if (netty.endsWith("(" + code + ")")) {
                REASONS[code] = code == 418 ? "I'm a teapot" : Integer.toString(code);
            }
        }
    }

    private static CharSequence contentType(String type) {
        return switch (type) {
            case JSON -> JSON_TYPE;
            case HtmlErrorPage.CONTENT_TYPE -> HTML_TYPE;
            default -> type;
        };
    }

    private static long millis(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return 0;
        }
        long millis = duration.toMillis();
        return millis == 0 ? 1 : millis; // sub-millisecond waits still wait (Vert.x timers count in ms)
    }

    /**
     * One reply being executed: what is left to do, and the one timer it may be waiting on. All of
     * its methods run on the connection's event loop.
     */
    private final class Execution implements Handler<Long> {
        private static final int DELAYING = 0;
        private static final int STREAMING = 1;
        private static final int STALLING = 2;
        private static final int DONE = 3;

        private final PlannedReply planned;
        private final MockReply reply;
        private final StreamFraming framing;
        private final HttpServerRequest req;
        private final HttpServerResponse res;
        private int state;
        private long timer = -1;
        private boolean gone;

        // streams only
        private List<JsonNode> events;
        private int steps;
        private int next;
        private long intervalMillis;
        private boolean intervalElapsed;
        private boolean awaitingDrain;
        private boolean headSent;
        private Future<Void> lastWrite;

        Execution(PlannedReply planned, StreamFraming framing, HttpServerRequest req) {
            this.planned = planned;
            this.reply = planned.reply;
            this.framing = framing;
            this.req = req;
            this.res = req.response();
        }

        void start() {
            res.closeHandler(closed -> {
                gone = true;
                state = DONE;
                cancelTimer();
            });
            long delay = millis(reply.delay());
            if (delay > 0) {
                state = DELAYING;
                schedule(delay);
            } else {
                begin();
            }
        }

        /** A timer fired. */
        @Override
        public void handle(Long id) {
            timer = -1;
            if (gone) {
                return;
            }
            switch (state) {
                case DELAYING -> begin();
                case STREAMING -> {
                    intervalElapsed = true;
                    pump();
                }
                case STALLING -> drop();
                default -> { }
            }
        }

        private void begin() {
            switch (reply) {
                case MockReply.Json json -> {
                    state = DONE;
                    sendWhole(res, json.status(), JSON_TYPE, planned.jsonBody());
                }
                case MockReply.Raw raw -> {
                    state = DONE;
                    sendWhole(res, raw.status(), contentType(raw.contentType()), raw.body());
                }
                case MockReply.Hang hang -> stall();
                case MockReply.Reset reset -> drop();
                case MockReply.Stream stream -> startStream(stream);
            }
        }

        private void startStream(MockReply.Stream stream) {
            events = stream.events();
            steps = events.size()
                    + (stream.end() instanceof StreamEnd.Garbage || stream.end() instanceof StreamEnd.Error ? 1 : 0);
            intervalMillis = millis(stream.interval());
            res.drainHandler(drained -> {
                if (awaitingDrain && !gone) {
                    awaitingDrain = false;
                    pump();
                }
            });
            state = STREAMING;
            pump();
        }

        /**
         * Writes what can be written now: each step (an event, or the garbage or error event that
         * ends a hostile stream) after the interval, while the connection takes more.
         */
        private void pump() {
            StreamEnd end = ((MockReply.Stream) reply).end();
            while (next < steps) {
                if (next > 0 && intervalMillis > 0 && !intervalElapsed) {
                    schedule(intervalMillis);
                    return;
                }
                if (res.writeQueueFull()) {
                    awaitingDrain = true;
                    return;
                }
                intervalElapsed = false;
                int index = next++;
                if (index < events.size()) {
                    lastWrite = writeChunk(planned.event(framing, index));
                } else if (end instanceof StreamEnd.Garbage garbage) {
                    state = DONE;
                    endWith(framing.garbage(garbage.payload(), index));
                    return;
                } else if (end instanceof StreamEnd.Error error) {
                    writeChunk(framing.error(error.error(), index));
                    state = DONE;
                    endWith(framing.end(index + 1));
                    return;
                }
            }
            switch (end) {
                case StreamEnd.Close close -> {
                    state = DONE;
                    endWith(framing.end(events.size()));
                }
                case StreamEnd.Stall stall -> stall();
                case StreamEnd.Abort abort -> {
                    state = DONE;
                    if (lastWrite == null) {
                        drop();
                    } else {
                        lastWrite.onComplete(written -> drop()); // the events first, then no terminator
                    }
                }
                default -> throw new IllegalStateException("ended above: " + end);
            }
        }

        private CharSequence streamType() {
            return framing == StreamFraming.SSE ? SSE_TYPE : JSON_TYPE;
        }

        /** One chunk; the first one sends the head (200, chunked: the stream's length is unknown). */
        private Future<Void> writeChunk(byte[] bytes) {
            if (!headSent) {
                headSent = true;
                res.setStatusCode(200);
                MultiMap headers = res.headers();
                headers.add(DATE, HttpDate.now());
                headers.add(CONTENT_TYPE, streamType());
                if (req.version() == HttpVersion.HTTP_1_1) {
                    headers.add(TRANSFER_ENCODING, CHUNKED);
                } else {
                    res.setChunked(true); // HTTP/1.0: no chunks, the body ends with the connection
                }
            }
            return res.write(Buffer.buffer(bytes));
        }

        /** The last bytes and the end of the body; when nothing was written yet, the whole body with its length. */
        private void endWith(byte[] bytes) {
            if (!headSent) {
                sendWhole(res, 200, streamType(), bytes);
            } else if (bytes.length == 0) {
                res.end();
            } else {
                res.end(Buffer.buffer(bytes));
            }
        }

        /** Holds the connection silent until the client leaves, the server stops, or maxStall has passed. */
        private void stall() {
            state = STALLING;
            if (maxStallMillis > 0) {
                schedule(maxStallMillis);
            } else {
                drop();
            }
        }

        /** Closes the connection without another byte. */
        private void drop() {
            state = DONE;
            cancelTimer();
            req.connection().close();
        }

        private void schedule(long millis) {
            timer = vertx.setTimer(millis, this);
        }

        private void cancelTimer() {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
                timer = -1;
            }
        }
    }

    /** The {@code Date} header's value, formatted once per second. */
    static final class HttpDate {
        private static final DateTimeFormatter FORMAT =
                DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
        private static volatile Stamp stamp = new Stamp(-1, "");

        private record Stamp(long second, CharSequence value) {}

        private HttpDate() {}

        static CharSequence now() {
            long second = System.currentTimeMillis() / 1000;
            Stamp current = stamp;
            if (current.second() != second) {
                current = new Stamp(second, HttpHeaders.createOptimized(
                        FORMAT.format(ZonedDateTime.ofInstant(java.time.Instant.ofEpochSecond(second), ZoneOffset.UTC))));
                stamp = current;
            }
            return current.value();
        }
    }
}
