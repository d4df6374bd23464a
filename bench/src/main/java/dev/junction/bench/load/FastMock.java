package dev.junction.bench.load;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;

/**
 * A minimal Gemini upstream for load tests, for when the built-in mock cannot outrun the proxies
 * it feeds (run-load.sh measures both and says which one it used). It answers the two calls the
 * load test makes, in the built-in mock's shapes, from bytes prepared at start-up:
 *
 * <ul>
 * <li>{@code POST /v1beta/models/M:generateContent}: a one-candidate text answer with usage (~600 bytes);</li>
 * <li>{@code POST /v1beta/models/M:streamGenerateContent?alt=sse}: {@code mock:events=N} events
 *     {@code mock:interval-ms=M} apart (the built-in mock's directive words, read from the body),
 *     the first one at once, each {@code data: <json>\r\n\r\n} with cumulative usage, the last with
 *     {@code finishReason: STOP}.</li>
 * </ul>
 *
 * <p>Usage: {@code FastMock [port]} (default 8090); one event loop (pin it with taskset).
 */
public final class FastMock {
    private static final String MODEL = "gemini-2.5-flash";

    private FastMock() {}

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8090;
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setPreferNativeTransport(true));
        Buffer unary = Buffer.buffer(("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"This is the Junction mock of "
                + MODEL + ". You said: \\\"Summarise the following text in one sentence please: lorem ipsum dolor"
                + " sit ...\\\"\"}],\"role\":\"model\"},\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":"
                + "{\"promptTokenCount\":20,\"candidatesTokenCount\":22,\"totalTokenCount\":178,\"promptTokensDetails\":"
                + "[{\"modality\":\"TEXT\",\"tokenCount\":20}],\"thoughtsTokenCount\":136},\"modelVersion\":\"" + MODEL
                + "\",\"responseId\":\"XFLe5zfidrd4FrTxsmV-Y1c\"}").getBytes(StandardCharsets.UTF_8));
        vertx.deployVerticle(() -> new VerticleBase() {
            @Override
            public Future<?> start() {
                return vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true).setAcceptBacklog(8192))
                        .requestHandler(req -> req.body().onSuccess(body -> answer(vertx, req, body, unary)))
                        .listen(port, "127.0.0.1");
            }
        }, new DeploymentOptions().setInstances(1)).await();
        System.out.println("fast mock listening on http://127.0.0.1:" + port + " (native transport: "
                + vertx.isNativeTransportEnabled() + ")");
    }

    private static void answer(Vertx vertx, HttpServerRequest req, Buffer body, Buffer unary) {
        HttpServerResponse res = req.response();
        String path = req.path();
        if (path.endsWith(":generateContent")) {
            res.putHeader("Content-Type", "application/json; charset=UTF-8").end(unary);
        } else if (path.endsWith(":streamGenerateContent")) {
            String text = body.toString(StandardCharsets.UTF_8);
            stream(vertx, res, directive(text, "mock:events=", 3), directive(text, "mock:interval-ms=", 0));
        } else {
            res.setStatusCode(404).end();
        }
    }

    private static void stream(Vertx vertx, HttpServerResponse res, int events, int intervalMs) {
        res.setChunked(true).putHeader("Content-Type", "text/event-stream");
        res.write(event(0, events));
        if (events == 1) {
            res.end();
            return;
        }
        if (intervalMs <= 0) {
            for (int i = 1; i < events; i++) {
                res.write(event(i, events));
            }
            res.end();
            return;
        }
        int[] sent = {1};
        long timer = vertx.setPeriodic(intervalMs, intervalMs, id -> {
            res.write(event(sent[0], events));
            if (++sent[0] == events) {
                vertx.cancelTimer(id);
                res.end();
            }
        });
        res.closeHandler(v -> vertx.cancelTimer(timer));
    }

    /** Events are prepared once per stream length: the mock must spend as little as it can per event. */
    private static final java.util.Map<Integer, byte[][]> EVENTS = new java.util.HashMap<>();

    private static Buffer event(int i, int total) {
        return Buffer.buffer(EVENTS.computeIfAbsent(total, n -> {
            byte[][] events = new byte[n][];
            for (int k = 0; k < n; k++) {
                events[k] = encode(k, n).getBytes(StandardCharsets.UTF_8);
            }
            return events;
        })[i]);
    }

    private static String encode(int i, int total) {
        boolean last = i == total - 1;
        return ("data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"word" + i
                + " of the mock answer \"}],\"role\":\"model\"}," + (last ? "\"finishReason\":\"STOP\"," : "")
                + "\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":20,\"candidatesTokenCount\":" + (4 * (i + 1))
                + ",\"totalTokenCount\":" + (20 + 4 * (i + 1)) + ",\"promptTokensDetails\":[{\"modality\":\"TEXT\","
                + "\"tokenCount\":20}]},\"modelVersion\":\"" + MODEL + "\",\"responseId\":\"XFLe5zfidrd4FrTxsmV-Y1c\"}\r\n\r\n");
    }

    private static int directive(String body, String name, int otherwise) {
        int at = body.indexOf(name);
        if (at < 0) {
            return otherwise;
        }
        int start = at + name.length();
        int end = start;
        while (end < body.length() && Character.isDigit(body.charAt(end))) {
            end++;
        }
        return end == start ? otherwise : Integer.parseInt(body.substring(start, end));
    }
}
