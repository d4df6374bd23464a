package dev.junction.gateway.edge;

import dev.junction.gateway.config.ServerSettings;
import dev.junction.protocol.model.GatewayError;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Watches each HTTP/1.x connection below Vert.x, on its event loop, so that no client can hold a
 * connection or a buffer for free and every failure of HTTP itself gets an answer with a body.
 *
 * <p>Two handlers share one connection's state: one sits before the HTTP decoder and sees raw
 * bytes (a request has begun when its first byte arrives, long before its headers parse), the
 * other sits after it and sees decoded requests, body chunks and the answer going out. Between
 * them they know which phase the connection is in, and one timer bounds each phase:
 *
 * <ul>
 *   <li>idle: no request and no answer under way; closed after {@code idle_timeout};
 *   <li>headers: the first byte has come, the headers are not complete; after
 *       {@code header_timeout} a 408 (slow headers, "slowloris");
 *   <li>body: the headers are in, the body is not; after {@code body_timeout} a 408 (or a close,
 *       if an answer has started);
 *   <li>answering: the request is complete; no read timer, but while the client reads nothing
 *       (the channel stays unwritable) for {@code write_stall_timeout}, the connection is closed.
 * </ul>
 *
 * <p>Requests that HTTP itself rejects never reach Vert.x: a request line, header or
 * {@code Content-Length} that does not parse (400), a URL too long (414), headers too large
 * (431), a version other than HTTP/1.x (505, HTTP/2 is not served here, see the README), a body
 * chunk whose size does not parse (400). Each is answered in the error shape of the door the
 * path belongs to, then the connection is closed: after such an error the stream of bytes can no
 * longer be trusted to frame the next request.
 */
public final class ConnectionGuard {
    private static final String BYTES = "junctionBytes";
    private static final String GUARD = "junctionGuard";

    private final ServerSettings.Timeouts timeouts;
    private final HttpErrors errors;

    public ConnectionGuard(ServerSettings.Timeouts timeouts, HttpErrors errors) {
        this.timeouts = timeouts;
        this.errors = errors;
    }

    /**
     * Installs the guard on a new connection's pipeline; does nothing on one that does not speak
     * HTTP/1.x through Vert.x's decoder.
     */
    public void install(ChannelPipeline pipeline) {
        if (pipeline.get("httpDecoder") == null || pipeline.get("handler") == null || pipeline.get(GUARD) != null) {
            return;
        }
        Watch watch = new Watch();
        pipeline.addBefore("httpDecoder", BYTES, watch.bytes);
        pipeline.addBefore("handler", GUARD, watch);
    }

    private enum Phase { IDLE, HEADERS, BODY }

    /** How much of a request line is kept to tell which door a request that cannot be decoded was for. */
    private static final int LINE_START = 96;

    /** One connection's state; every method runs on the connection's event loop. */
    private final class Watch extends ChannelDuplexHandler {
        final ChannelInboundHandlerAdapter bytes = new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof ByteBuf buf && buf.isReadable()) {
                    bytesArrived();
                    keepLineStart(buf);
                }
                ctx.fireChannelRead(msg);
            }
        };

        private ChannelHandlerContext ctx;
        private boolean requestOpen;
        private boolean answerOpen;
        private boolean answered;
        /** From a request's headers until both it and its answer are complete. */
        private boolean exchangeOpen;
        private boolean headersStarted;
        private boolean rejected;
        private String method = "";
        private String path = "";
        /** The first bytes of the request line coming in, to name the door of one too long to decode. */
        private final StringBuilder lineStart = new StringBuilder(LINE_START);
        private boolean lineStartKept;
        private Optional<String> clientRequestId = Optional.empty();
        private ScheduledFuture<?> readTimer;
        private ScheduledFuture<?> stallTimer;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
            if (ctx.channel().isActive()) {
                arm(Phase.IDLE, timeouts.idle());
            }
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            arm(Phase.IDLE, timeouts.idle());
            ctx.fireChannelActive();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            disarm();
            cancelStall();
            ctx.fireChannelInactive();
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            disarm();
            cancelStall();
        }

        /**
         * The first byte of the next request starts the header deadline; bytes that arrive while
         * an exchange is still under way (a stray CRLF after a body, a pipelined request) do not,
         * or a slow answer would be cut by the header timeout.
         */
        void bytesArrived() {
            if (!exchangeOpen && !headersStarted && !rejected) {
                headersStarted = true;
                arm(Phase.HEADERS, timeouts.header());
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (rejected) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (msg instanceof HttpRequest request) {
                headersStarted = false;
                method = request.method().name();
                path = request.decoderResult().isFailure() ? pathOf(requestTarget(lineStart)) : pathOf(request.uri());
                lineStartKept = true; // until this request's body has ended
                clientRequestId = Optional.ofNullable(request.headers().get("x-request-id"));
                if (request.decoderResult().isFailure()) {
                    ReferenceCountUtil.release(msg);
                    reject(unreadable(request.decoderResult().cause()));
                    return;
                }
                if (request.protocolVersion().majorVersion() != 1) {
                    ReferenceCountUtil.release(msg);
                    reject(GatewayError.of(GatewayError.Kind.HTTP_VERSION_NOT_SUPPORTED, "Junction serves HTTP/1.1 "
                            + "(and 1.0); " + request.protocolVersion().text() + " is not supported here.")
                            .withCode("http_version_not_supported"));
                    return;
                }
                requestOpen = true;
                exchangeOpen = true;
                answered = false;
                arm(Phase.BODY, timeouts.body());
            }
            if (msg instanceof HttpContent content) {
                if (content.decoderResult().isFailure()) {
                    ReferenceCountUtil.release(msg);
                    reject(GatewayError.invalid("body", "The request body is not framed correctly ("
                            + brief(content.decoderResult().cause()) + ")."));
                    return;
                }
                if (msg instanceof LastHttpContent) {
                    requestOpen = false;
                    lineStart.setLength(0);
                    lineStartKept = false;
                    if (answered) {
                        exchangeOpen = false;
                        arm(Phase.IDLE, timeouts.idle()); // answered before its body was all in
                    } else {
                        disarm(); // being answered: however long the upstream takes is not idleness
                    }
                }
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            boolean informational = msg instanceof HttpResponse response && response.status().code() < 200;
            if (!informational) {
                if (msg instanceof HttpResponse) {
                    answerOpen = true;
                    if (!requestOpen) {
                        disarm();
                    }
                }
                if (msg instanceof LastHttpContent) {
                    answerOpen = false;
                    answered = true;
                    if (!requestOpen) {
                        exchangeOpen = false;
                        arm(Phase.IDLE, timeouts.idle());
                    }
                }
            }
            ctx.write(msg, promise);
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                cancelStall();
            } else if (stallTimer == null) {
                stallTimer = ctx.executor().schedule(() -> {
                    stallTimer = null;
                    if (!ctx.channel().isWritable()) {
                        ctx.close();
                    }
                }, timeouts.writeStall().toMillis(), TimeUnit.MILLISECONDS);
            }
            ctx.fireChannelWritabilityChanged();
        }

        /** Answers {@code error} (unless an answer is already under way) and closes the connection. */
        private void reject(GatewayError error) {
            disarm();
            rejected = true;
            if (answerOpen || !ctx.channel().isActive()) {
                ctx.close();
                return;
            }
            answerOpen = true;
            ctx.writeAndFlush(errors.response(method, path, clientRequestId, error))
                    .addListener(ChannelFutureListener.CLOSE);
        }

        private void keepLineStart(ByteBuf buf) {
            for (int i = buf.readerIndex(); i < buf.writerIndex() && !lineStartKept; i++) {
                byte b = buf.getByte(i);
                if (b == '\n' && lineStart.isEmpty()) {
                    continue; // the CRLF between two requests
                }
                if (b == '\r' || b == '\n' || lineStart.length() == LINE_START) {
                    lineStartKept = true;
                } else {
                    lineStart.append((char) (b & 0xff));
                }
            }
        }

        private void arm(Phase phase, Duration after) {
            disarm();
            if (ctx == null) {
                return;
            }
            readTimer = ctx.executor().schedule(() -> expired(phase), after.toMillis(), TimeUnit.MILLISECONDS);
        }

        private void disarm() {
            if (readTimer != null) {
                readTimer.cancel(false);
                readTimer = null;
            }
        }

        private void cancelStall() {
            if (stallTimer != null) {
                stallTimer.cancel(false);
                stallTimer = null;
            }
        }

        private void expired(Phase phase) {
            readTimer = null;
            switch (phase) {
                case IDLE -> ctx.close();
                case HEADERS -> reject(GatewayError.of(GatewayError.Kind.REQUEST_TIMEOUT, "The request headers did "
                        + "not arrive within " + describe(timeouts.header()) + ".").withCode("request_timeout"));
                case BODY -> reject(GatewayError.of(GatewayError.Kind.REQUEST_TIMEOUT, "The request body did not "
                        + "arrive within " + describe(timeouts.body()) + ".").withCode("request_timeout"));
            }
        }
    }

    /** The error for a request line or headers that Netty could not decode. */
    static GatewayError unreadable(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return GatewayError.of(GatewayError.Kind.URI_TOO_LONG, "The request line (its URL) is longer than "
                    + "Junction accepts.").withCode("uri_too_long");
        }
        if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
            return GatewayError.of(GatewayError.Kind.HEADERS_TOO_LARGE, "The request headers are larger than "
                    + "Junction accepts.").withCode("headers_too_large");
        }
        String message = brief(cause);
        if (message.toLowerCase(java.util.Locale.ROOT).contains("content-length")) {
            return GatewayError.invalid("Content-Length", "The Content-Length header is not valid (" + message + ").");
        }
        return GatewayError.of(GatewayError.Kind.INVALID_REQUEST, "The request is not valid HTTP/1.1 (" + message
                + ").").withCode("bad_request");
    }

    /** A decoder's complaint, short and safe to show (never the bytes that caused it in full). */
    private static String brief(Throwable cause) {
        String message = cause == null || cause.getMessage() == null ? "malformed" : cause.getMessage();
        message = message.replaceAll("[^\\x20-\\x7E]", "?");
        return message.length() > 120 ? message.substring(0, 120) + "..." : message;
    }

    /** The request target in the start of a request line ({@code POST /v1/messages HTTP/1.1}), or "". */
    static String requestTarget(CharSequence line) {
        String text = line.toString().strip();
        int space = text.indexOf(' ');
        if (space < 0) {
            return "";
        }
        String rest = text.substring(space + 1);
        int end = rest.indexOf(' ');
        return end < 0 ? rest : rest.substring(0, end);
    }

    private static String pathOf(String uri) {
        if (uri == null || !uri.startsWith("/")) {
            return "";
        }
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
