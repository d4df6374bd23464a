package dev.junction.gateway.mock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.junction.protocol.Json;
import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The HTTP side of the mock, one handler for every path: record the request, route it, check the
 * API key as Google does, parse the body, ask {@link MockBehaviour} for a reply and let
 * {@link ReplyWriter} execute it.
 */
final class MockHttpHandler implements Handler {
    private static final HeaderName API_KEY = HeaderNames.create("x-goog-api-key");
    private static final byte[] NO_BODY = new byte[0];

    private final MockBehaviour behaviour;
    private final ReplyWriter writer;
    private final RequestLog log;
    private final Set<String> acceptedKeys;

    MockHttpHandler(MockBehaviour behaviour, ReplyWriter writer, RequestLog log, Set<String> acceptedKeys) {
        this.behaviour = behaviour;
        this.writer = writer;
        this.log = log;
        this.acceptedKeys = acceptedKeys;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        String httpMethod = req.prologue().method().text();
        byte[] body = readBody(req, httpMethod);
        record(req, httpMethod, body);

        MockRoute route = MockRoute.parse(httpMethod, req.path().path());
        if (route instanceof MockRoute.Unknown) {
            writer.write(new MockReply.Raw(404, HtmlErrorPage.CONTENT_TYPE, HtmlErrorPage.forStatus(404),
                    java.time.Duration.ZERO), StreamFraming.SSE, res);
            return;
        }
        Optional<String> key = apiKey(req);
        Optional<MockReply> refused = authenticate(req, key, route);
        if (refused.isPresent()) {
            writer.write(refused.get(), StreamFraming.SSE, res);
            return;
        }
        MockReply reply = switch (route) {
            case MockRoute.ListModels list -> behaviour.listModels(pageSize(req), req.query().first("pageToken").asOptional());
            case MockRoute.GetModel get -> behaviour.getModel(get.version(), get.model());
            case MockRoute.Call call -> call(call, body, key);
            case MockRoute.Unknown unknown -> throw new IllegalStateException("handled above");
        };
        boolean sse = req.query().first("alt").asOptional().map("sse"::equals).orElse(false);
        writer.write(reply, sse ? StreamFraming.SSE : StreamFraming.JSON_ARRAY, res);
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
    private Optional<MockReply> authenticate(ServerRequest req, Optional<String> key, MockRoute route) {
        if (key.isEmpty()) {
            if (req.headers().contains(HeaderNames.AUTHORIZATION)) {
                return Optional.of(GoogleErrorBodies.bearerNotOAuth(rpcMethod(route)));
            }
            return Optional.of(GoogleErrorBodies.unregisteredCaller());
        }
        if (!acceptedKeys.isEmpty() && !acceptedKeys.contains(key.get())) {
            return Optional.of(GoogleErrorBodies.apiKeyInvalid(key.get()));
        }
        return Optional.empty();
    }

    private static Optional<String> apiKey(ServerRequest req) {
        Optional<String> header = req.headers().first(API_KEY).filter(k -> !k.isBlank());
        return header.isPresent() ? header : req.query().first("key").asOptional().filter(k -> !k.isBlank());
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

    private static OptionalInt pageSize(ServerRequest req) {
        Optional<String> value = req.query().first("pageSize").asOptional();
        try {
            return value.isPresent() ? OptionalInt.of(Integer.parseInt(value.get())) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static byte[] readBody(ServerRequest req, String httpMethod) {
        if (!req.content().hasEntity()) {
            return NO_BODY;
        }
        try {
            return req.content().inputStream().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void record(ServerRequest req, String httpMethod, byte[] body) {
        if (!log.enabled()) {
            return;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : req.headers()) {
            headers.computeIfAbsent(header.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .addAll(header.allValues());
        }
        String raw = req.path().rawPath();
        String query = req.query().rawValue();
        log.add(new ReceivedRequest(log.nextSequence(), httpMethod, query.isEmpty() ? raw : raw + "?" + query,
                headers, body));
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
