package dev.junction.mock.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.junction.protocol.Json;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP side of the mock, one handler for every path, on the connection's event loop: collect
 * the body, record the request, route it, check the API key as Google does, parse the body, ask
 * {@link MockBehaviour} for a reply and let {@link ReplyWriter} execute it.
 */
final class MockHttpHandler implements Handler<HttpServerRequest> {
    /** The largest body read; Google's own limit is 20 MB of request, which base64 media can approach. */
    static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(MockHttpHandler.class.getName());
    private static final CharSequence API_KEY = HttpHeaders.createOptimized("x-goog-api-key");
    private static final byte[] NO_BODY = new byte[0];
    private static final PlannedReply NOT_FOUND = PlannedReply.once(
            new MockReply.Raw(404, HtmlErrorPage.CONTENT_TYPE, HtmlErrorPage.forStatus(404), Duration.ZERO));

    private final MockBehaviour behaviour;
    private final ReplyWriter writer;
    private final RequestLog log;
    private final Set<String> acceptedKeys;
    private final ReplyCache cache = new ReplyCache();

    MockHttpHandler(MockBehaviour behaviour, ReplyWriter writer, RequestLog log, Set<String> acceptedKeys) {
        this.behaviour = behaviour;
        this.writer = writer;
        this.log = log;
        this.acceptedKeys = acceptedKeys;
    }

    @Override
    public void handle(HttpServerRequest req) {
        String declared = req.getHeader(HttpHeaders.CONTENT_LENGTH);
        // (a length of at most 7 digits is under the limit: no parsing on the common path)
        if (declared != null && declared.length() > 7 && tooLarge(declared)) {
            refuseTooLarge(req);
            return;
        }
        BodyCollector body = new BodyCollector(req);
        req.handler(body);
        req.endHandler(body::complete);
    }

    /** Gathers the body's chunks (usually one), up to {@link #MAX_BODY_BYTES}. */
    private final class BodyCollector implements Handler<Buffer> {
        private final HttpServerRequest req;
        private Buffer first;
        private Buffer gathered;
        private boolean refused;

        BodyCollector(HttpServerRequest req) {
            this.req = req;
        }

        /** The body is complete. */
        void complete(Void end) {
            if (!refused) { // (a refused request's end is the writer's to handle)
                byte[] bytes = gathered != null ? gathered.getBytes() : first != null ? first.getBytes() : NO_BODY;
                first = null;
                gathered = null;
                respond(req, bytes);
            }
        }

        /** A chunk of the body. */
        @Override
        public void handle(Buffer chunk) {
            if (refused) {
                return;
            }
            if (first == null && gathered == null) {
                first = chunk;
            } else {
                if (gathered == null) {
                    gathered = Buffer.buffer(Math.max(first.length() * 2, first.length() + chunk.length()));
                    gathered.appendBuffer(first);
                    first = null;
                }
                gathered.appendBuffer(chunk);
            }
            int size = gathered != null ? gathered.length() : first.length();
            if (size > MAX_BODY_BYTES) {
                refused = true;
                first = null;
                gathered = null;
                refuseTooLarge(req);
            }
        }
    }

    private static boolean tooLarge(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > MAX_BODY_BYTES;
        } catch (NumberFormatException e) {
            return false; // Vert.x's decoder refuses a malformed length before this handler
        }
    }

    /** 400 as Google words it; the rest of the body is discarded, then the connection closed. */
    private void refuseTooLarge(HttpServerRequest req) {
        writer.refuseBody(req, GoogleErrorBodies.invalidArgument(
                "Request payload size exceeds the limit: " + MAX_BODY_BYTES + " bytes."));
    }

    private void respond(HttpServerRequest req, byte[] body) {
        String httpMethod = req.method().name();
        record(req, httpMethod, body);
        try {
            writer.write(plan(req, httpMethod, body), framing(req), req);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "mock Gemini server: cannot answer " + httpMethod + " " + req.uri(), e);
            if (!req.response().headWritten()) {
                writer.write(PlannedReply.once(GoogleErrorBodies.of(500)), StreamFraming.SSE, req);
            } else {
                req.connection().close();
            }
        }
    }

    private PlannedReply plan(HttpServerRequest req, String httpMethod, byte[] body) {
        MockRoute route = MockRoute.parse(httpMethod, routingPath(req.path()));
        if (route instanceof MockRoute.Unknown) {
            return NOT_FOUND;
        }
        Optional<String> key = apiKey(req);
        Optional<MockReply> refused = authenticate(req, key, route);
        if (refused.isPresent()) {
            return PlannedReply.once(refused.get());
        }
        return switch (route) {
            case MockRoute.ListModels list -> PlannedReply.once(
                    behaviour.listModels(pageSize(req), Optional.ofNullable(param(req, "pageToken"))));
            case MockRoute.GetModel get -> PlannedReply.once(behaviour.getModel(get.version(), get.model()));
            case MockRoute.Call call -> cache.get(call, key, body, () -> call(call, body, key));
            case MockRoute.Unknown unknown -> throw new IllegalStateException("handled above");
        };
    }

    private static StreamFraming framing(HttpServerRequest req) {
        return "sse".equals(param(req, "alt")) ? StreamFraming.SSE : StreamFraming.JSON_ARRAY;
    }

    private MockReply call(MockRoute.Call call, byte[] body, Optional<String> key) {
        JsonNode json;
        try {
            json = body.length == 0 ? JsonNodeFactory.instance.objectNode() : Json.MAPPER.readTree(body);
            if (json == null || json.isMissingNode()) {
                json = JsonNodeFactory.instance.objectNode();
            }
        } catch (JsonProcessingException e) {
            return GoogleErrorBodies.malformedJson(malformedMessage(body, e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return behaviour.plan(new MockCall(call.version(), call.model(), call.method(), json, key));
    }

    /** Google's order: a key wins over a bearer token; no credential at all is 403, a bad key 400. */
    private Optional<MockReply> authenticate(HttpServerRequest req, Optional<String> key, MockRoute route) {
        if (key.isEmpty()) {
            if (req.headers().contains(HttpHeaders.AUTHORIZATION)) {
                return Optional.of(GoogleErrorBodies.bearerNotOAuth(rpcMethod(route)));
            }
            return Optional.of(GoogleErrorBodies.unregisteredCaller());
        }
        if (!acceptedKeys.isEmpty() && !acceptedKeys.contains(key.get())) {
            return Optional.of(GoogleErrorBodies.apiKeyInvalid(key.get()));
        }
        return Optional.empty();
    }

    private static Optional<String> apiKey(HttpServerRequest req) {
        String header = req.getHeader(API_KEY);
        if (header != null && !header.isBlank()) {
            return Optional.of(header);
        }
        String query = param(req, "key");
        return query != null && !query.isBlank() ? Optional.of(query) : Optional.empty();
    }

    /** The first value of a query parameter, decoded; {@code null} when absent (no parsing without a query). */
    private static String param(HttpServerRequest req, String name) {
        String query = req.query();
        return query == null || query.isEmpty() ? null : req.params(true).get(name);
    }

    private static String rpcMethod(MockRoute route) {
        String method = switch (route) {
            case MockRoute.Call call -> call.method() == ApiMethod.STREAM_GENERATE_CONTENT
                    ? "StreamGenerateContent"
                    : Character.toUpperCase(call.method().verb.charAt(0)) + call.method().verb.substring(1);
            case MockRoute.ListModels list -> "ListModels";
            default -> "GetModel";
        };
        String service = method.endsWith("Models") || method.equals("GetModel") ? "ModelService" : "GenerativeService";
        return "google.ai.generativelanguage.v1beta." + service + "." + method;
    }

    private static OptionalInt pageSize(HttpServerRequest req) {
        String value = param(req, "pageSize");
        try {
            return value != null ? OptionalInt.of(Integer.parseInt(value)) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * The path requests are routed on: percent-decoded, empty and dot segments removed (as the
     * server before this one did), so {@code models/x%3AgenerateContent} is a call. Ordinary
     * paths are returned as they are.
     */
    static String routingPath(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "/";
        }
        boolean encoded = raw.indexOf('%') >= 0;
        if (!encoded && raw.indexOf("//") < 0 && raw.indexOf("/.") < 0) {
            return raw;
        }
        String path = raw;
        if (encoded) {
            try {
                path = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                path = raw; // a stray '%': route it as it is (and find nothing)
            }
        }
        ArrayDeque<String> segments = new ArrayDeque<>();
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..")) {
                segments.pollLast();
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                segments.addLast(segment);
            }
        }
        boolean trailingSlash = path.endsWith("/") || path.endsWith("/.") || path.endsWith("/..");
        String joined = "/" + String.join("/", segments);
        return trailingSlash && !segments.isEmpty() ? joined + "/" : joined;
    }

    private void record(HttpServerRequest req, String httpMethod, byte[] body) {
        if (!log.enabled()) {
            return;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : req.headers()) {
            headers.computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(header.getValue());
        }
        // the request target as sent (absolute-form included), without an empty query's '?'
        String target = req.uri();
        if (!target.isEmpty() && target.charAt(target.length() - 1) == '?') {
            target = target.substring(0, target.length() - 1);
        }
        log.add(new ReceivedRequest(log.nextSequence(), httpMethod, target, headers, body));
    }

    /**
     * Google's wording for a body that is not JSON: the parser's complaint, then the text up to the
     * error and a caret under it.
     */
    private static String malformedMessage(byte[] body, JsonProcessingException e) {
        String text = new String(body, StandardCharsets.UTF_8);
        long offset = e.getLocation() == null ? -1 : e.getLocation().getCharOffset();
        if (offset < 0 && e.getLocation() != null) {
            offset = e.getLocation().getByteOffset(); // byte input: Jackson tracks bytes, not chars
        }
        int at = offset < 0 ? text.length() : (int) Math.min(text.length(), offset);
        int from = Math.max(0, text.lastIndexOf('\n', Math.max(0, at - 1)) + 1);
        from = Math.max(from, at - 40);
        String excerpt = text.substring(from, Math.min(text.length(), at + 1));
        return "Invalid JSON payload received. Unexpected token.\n" + excerpt + "\n" + " ".repeat(Math.max(0, at - from)) + "^";
    }
}
