package dev.junction.gateway.mock;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Executes a {@link MockReply} on a Helidon response. Every wait is a plain sleep: handlers run
 * on virtual threads, so thousands of slow streams cost memory, not carrier threads.
 *
 * <p>Ending a connection abruptly (reset, abort, end of a stall) is done by throwing Helidon's
 * {@link CloseConnectionException}, which bypasses error handling and closes the socket without
 * the chunked body's terminator. A client that goes away mid-stream makes a write fail; that too
 * ends the connection quietly.
 */
final class ReplyWriter {
    static final String JSON = "application/json; charset=UTF-8";

    private final Duration maxStall;
    private final Set<Thread> sleepers = ConcurrentHashMap.newKeySet();

    ReplyWriter(Duration maxStall) {
        this.maxStall = maxStall;
    }

    void write(MockReply reply, StreamFraming framing, ServerResponse res) {
        pause(reply.delay());
        switch (reply) {
            case MockReply.Json json -> send(res, json.status(), JSON, GoogleJson.pretty(json.body()));
            case MockReply.Raw raw -> send(res, raw.status(), raw.contentType(), raw.body());
            case MockReply.Hang hang -> stall("mock:hang");
            case MockReply.Reset reset -> throw new CloseConnectionException("mock:reset-after: connection dropped");
            case MockReply.Stream stream -> stream(stream, framing, res);
        }
    }

    /** Wakes every sleeping handler (they then drop their connections), for a prompt shutdown. */
    void interruptAll() {
        sleepers.forEach(Thread::interrupt);
    }

    private static void send(ServerResponse res, int status, String contentType, byte[] body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, contentType);
        res.send(body);
    }

    private void stream(MockReply.Stream stream, StreamFraming framing, ServerResponse res) {
        res.status(200);
        res.header(HeaderNames.CONTENT_TYPE, framing.contentType);
        OutputStream out = res.outputStream();
        List<com.fasterxml.jackson.databind.JsonNode> events = stream.events();
        int sent = 0;
        for (var event : events) {
            if (sent > 0) {
                pause(stream.interval());
            }
            emit(out, framing.event(event, sent++));
        }
        switch (stream.end()) {
            case StreamEnd.Close close -> emitAndClose(out, framing.end(sent));
            case StreamEnd.Stall stall -> stall("mock:hang-after");
            case StreamEnd.Abort abort -> throw new CloseConnectionException("mock:reset-after: connection aborted");
            case StreamEnd.Garbage garbage -> {
                if (sent > 0) {
                    pause(stream.interval());
                }
                emitAndClose(out, framing.garbage(garbage.payload(), sent));
            }
            case StreamEnd.Error error -> {
                if (sent > 0) {
                    pause(stream.interval());
                }
                emit(out, framing.error(error.error(), sent));
                emitAndClose(out, framing.end(sent + 1));
            }
        }
    }

    private static void emit(OutputStream out, byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException | UncheckedIOException e) {
            throw new CloseConnectionException("the client went away mid-stream", e);
        }
    }

    private static void emitAndClose(OutputStream out, byte[] bytes) {
        try {
            if (bytes.length > 0) {
                out.write(bytes);
            }
            out.close();
        } catch (IOException | UncheckedIOException e) {
            throw new CloseConnectionException("the client went away mid-stream", e);
        }
    }

    /** Holds the connection silent, then drops it. */
    private void stall(String why) {
        pause(maxStall);
        throw new CloseConnectionException(why + ": stalled connection dropped");
    }

    private void pause(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        Thread self = Thread.currentThread();
        sleepers.add(self);
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloseConnectionException("the mock server is stopping");
        } finally {
            sleepers.remove(self);
        }
    }
}
