package dev.junction.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.gateway.testing.HostileBodies;
import dev.junction.gateway.testing.HostileBodies.Body;
import dev.junction.gateway.testing.RawExchange;
import dev.junction.gateway.testing.TestGateway;
import dev.junction.mock.gemini.ReceivedRequest;
import dev.junction.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hundreds of hostile requests per door, generated from one valid request each: every value of
 * the body, at every depth, replaced by a value of each wrong type or of an absurd size; bodies
 * nested ten thousand deep, cut short, not UTF-8, or empty; header bombs; model names with path
 * traversal, escapes, control characters and 10 KB of text. Whatever comes back is never a 5xx,
 * every refusal is in the door's own error shape with a short message, and afterwards the
 * gateway serves a normal request with its heap where it was.
 *
 * <p>Requests that happen to be valid may well be answered with a 200; the point is that none
 * hurts the gateway. Cases are sent by a few threads over keep-alive connections as soon as a
 * door's list is made; each dynamic test awaits and checks its own.
 */
class HostileInputTest {
    /** Longest error message accepted: a few hundred characters, never a client's value in full. */
    private static final int MAX_MESSAGE = 500;
    private static final long HEAP_GROWTH_LIMIT = 64L * 1024 * 1024;
    private static final Pattern UPSTREAM_PATH =
            Pattern.compile("/v1beta/models/[A-Za-z0-9._~%+*-]+:(generateContent|streamGenerateContent)");

    @TempDir
    static Path dir;

    static TestGateway junction;
    static String token;
    static HttpClient http;
    static ExecutorService senders;
    static long heapBefore;

    @BeforeAll
    static void start() {
        junction = TestGateway.start(dir);
        token = junction.issue("hostile-suite");
        senders = Executors.newFixedThreadPool(4);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(2)).build();
        for (DoorSpec door : List.of(openAi(), gemini(false), gemini(true), anthropic())) {
            Outcome warm = door.send(door.base.getBytes(StandardCharsets.UTF_8), Map.of());
            assertThat(warm.status).as("%s: the valid request: %s", door.name, warm.body).isEqualTo(200);
        }
        heapBefore = usedHeapAfterGc();
    }

    @AfterAll
    static void stop() {
        senders.shutdownNow();
        junction.close();
    }

    // ---- the doors -------------------------------------------------------------------------

    /** The error shape a door's refusals must have. */
    enum Shape {
        OPENAI {
            @Override
            String message(JsonNode body, int status) {
                JsonNode error = body.path("error");
                return error.path("type").isTextual() ? text(error.path("message")) : null;
            }
        },
        GEMINI {
            @Override
            String message(JsonNode body, int status) {
                JsonNode error = body.path("error");
                return error.path("code").asInt() == status && error.path("status").isTextual()
                        ? text(error.path("message")) : null;
            }
        },
        ANTHROPIC {
            @Override
            String message(JsonNode body, int status) {
                JsonNode error = body.path("error");
                return body.path("type").asText().equals("error") && error.path("type").isTextual()
                        ? text(error.path("message")) : null;
            }
        };

        /** The error's message when {@code body} has this shape, else null. */
        abstract String message(JsonNode body, int status);

        private static String text(JsonNode message) {
            return message.isTextual() && !message.asText().isBlank() ? message.asText() : null;
        }
    }

    /**
     * One door under attack.
     *
     * @param path      where its requests go, given the (already escaped) model name
     * @param withModel the base body with another model in it, or null when the model is in the path
     */
    record DoorSpec(String name, Shape shape, Function<String, String> path, String model,
            Map<String, String> headers, String base, String textField, List<String> nested,
            Function<String, String> withModel) {

        String uriPath() {
            return path.apply(model);
        }

        Outcome send(byte[] body, Map<String, String> moreHeaders) {
            return sendTo(uriPath(), body, moreHeaders);
        }

        Outcome sendTo(String uriPath, byte[] body, Map<String, String> moreHeaders) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(junction.baseUrl() + uriPath))
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.putAll(moreHeaders);
            all.forEach(request::header);
            HttpRequest built = request.build();
            for (int attempt = 1; ; attempt++) {
                try {
                    HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
                    return new Outcome(response.statusCode(),
                            response.headers().firstValue("content-type").orElse(""), response.body());
                } catch (java.net.http.HttpTimeoutException e) {
                    return new Outcome(0, "", "no answer in time: " + e);
                } catch (IOException e) {
                    // a kept-alive connection may be closed under a request that was just being sent
                    // on it: once on a fresh connection, then it counts
                    if (attempt == 2) {
                        return new Outcome(0, "", "no answer: " + e);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** What came back; a body over 64 KB is kept as its first characters only, so that outcomes stay small. */
    record Outcome(int status, String contentType, String body, int length) {
        Outcome(int status, String contentType, String body) {
            this(status, contentType, body.length() > 64 * 1024 ? body.substring(0, 200) : body, body.length());
        }

        boolean whole() {
            return body.length() == length;
        }
    }

    static DoorSpec openAi() {
        String base = """
                {"model":"gemini-2.5-flash","messages":[
                  {"role":"system","content":"Be brief."},
                  {"role":"user","content":[{"type":"text","text":"Hi"},
                    {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo=","detail":"low"}}]},
                  {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
                    "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
                  {"role":"tool","tool_call_id":"call_1","content":"15C"}],
                 "temperature":0.5,"top_p":0.9,"max_tokens":50,"n":1,"stop":["END"],"seed":7,
                 "presence_penalty":0,"frequency_penalty":0,"stream":false,"user":"u1",
                 "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather",
                   "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}],
                 "tool_choice":"auto","response_format":{"type":"text"},"reasoning_effort":"low",
                 "metadata":{"k":"v"}}""";
        return new DoorSpec("OpenAI chat", Shape.OPENAI, m -> "/v1/chat/completions", "gemini-2.5-flash",
                Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json"), base,
                "messages[0].content", List.of("messages", "messages[1].content", "tools[0].function.parameters",
                        "metadata"), model -> withModel(base, model));
    }

    static DoorSpec gemini(boolean stream) {
        String base = """
                {"contents":[{"role":"user","parts":[{"text":"Hi"}]},
                  {"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{"city":"Paris"}}}]},
                  {"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"temp":"15C"}}}]}],
                 "systemInstruction":{"parts":[{"text":"Be brief."}]},
                 "generationConfig":{"temperature":0.5,"topP":0.9,"topK":40,"maxOutputTokens":50,"candidateCount":1,
                   "stopSequences":["END"],"responseMimeType":"text/plain",
                   "thinkingConfig":{"thinkingBudget":0,"includeThoughts":false}},
                 "tools":[{"functionDeclarations":[{"name":"get_weather","description":"Weather",
                   "parameters":{"type":"OBJECT","properties":{"city":{"type":"STRING"}},"required":["city"]}}]}],
                 "toolConfig":{"functionCallingConfig":{"mode":"AUTO"}},
                 "safetySettings":[{"category":"HARM_CATEGORY_HARASSMENT","threshold":"BLOCK_NONE"}]}""";
        String method = stream ? ":streamGenerateContent?alt=sse" : ":generateContent";
        return new DoorSpec(stream ? "Gemini streamGenerateContent" : "Gemini generateContent", Shape.GEMINI,
                m -> "/v1beta/models/" + m + method, "gemini-2.5-flash",
                Map.of("x-goog-api-key", token, "Content-Type", "application/json"), base,
                "contents[0].parts[0].text", List.of("contents", "contents[0].parts", "generationConfig",
                        "tools[0].functionDeclarations[0].parameters"), null);
    }

    static DoorSpec anthropic() {
        String base = """
                {"model":"gemini-2.5-flash","max_tokens":50,"system":"Be brief.","messages":[
                  {"role":"user","content":"Hi"},
                  {"role":"assistant","content":[{"type":"text","text":"Let me check."},
                    {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"15C"}]}],
                 "temperature":0.5,"top_p":0.9,"top_k":40,"stop_sequences":["END"],"stream":false,
                 "metadata":{"user_id":"u1"},
                 "tools":[{"name":"get_weather","description":"Weather",
                   "input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}],
                 "tool_choice":{"type":"auto"},"thinking":{"type":"disabled"}}""";
        return new DoorSpec("Anthropic Messages", Shape.ANTHROPIC, m -> "/v1/messages", "gemini-2.5-flash",
                Map.of("x-api-key", token, "anthropic-version", "2023-06-01", "Content-Type", "application/json"),
                base, "messages[0].content", List.of("messages", "messages[1].content", "tools[0].input_schema",
                        "metadata"), model -> withModel(base, model));
    }

    private static String withModel(String base, String model) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode body = (com.fasterxml.jackson.databind.node.ObjectNode)
                    Json.MAPPER.readTree(base);
            body.put("model", model);
            return Json.MAPPER.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TestFactory
    Stream<DynamicNode> openAiChatCompletions() {
        return suite(openAi());
    }

    @TestFactory
    Stream<DynamicNode> geminiGenerateContent() {
        return suite(gemini(false));
    }

    @TestFactory
    Stream<DynamicNode> geminiStreamGenerateContent() {
        return suite(gemini(true));
    }

    @TestFactory
    Stream<DynamicNode> anthropicMessages() {
        return suite(anthropic());
    }

    // ---- the cases -------------------------------------------------------------------------

    /** A hostile request and how to send it; {@code httpLayer} when HTTP itself may refuse it bodiless. */
    record Case(String name, java.util.function.Supplier<Outcome> send, boolean httpLayer, boolean unroutable) {
        Case(String name, java.util.function.Supplier<Outcome> send, boolean httpLayer) {
            this(name, send, httpLayer, false);
        }
    }

    private static Stream<DynamicNode> suite(DoorSpec door) {
        List<Case> cases = new ArrayList<>();
        List<Body> bodies = new ArrayList<>();
        bodies.addAll(HostileBodies.wrongTypes(door.base));
        bodies.addAll(HostileBodies.deepNesting(door.base, door.nested));
        bodies.addAll(HostileBodies.invalidUtf8(door.base, door.textField));
        bodies.addAll(HostileBodies.truncated(door.base));
        bodies.addAll(HostileBodies.oddDocuments(door.base));
        for (Body body : bodies) {
            cases.add(new Case(body.name(), () -> door.send(body.bytes(), Map.of()), false));
        }
        cases.addAll(headerBombs(door));
        cases.addAll(modelNames(door));
        cases.addAll(rawRequests(door));

        List<CompletableFuture<Outcome>> sent = cases.stream()
                .map(c -> CompletableFuture.supplyAsync(c.send(), senders)).toList();
        List<DynamicNode> tests = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            CompletableFuture<Outcome> outcome = sent.get(i);
            tests.add(DynamicTest.dynamicTest(c.name(), () -> check(door, c, outcome.get(60, TimeUnit.SECONDS))));
        }
        tests.add(DynamicTest.dynamicTest("afterwards: a normal request is served, the heap is where it was", () -> {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            Outcome ok = door.send(door.base.getBytes(StandardCharsets.UTF_8), Map.of());
            assertThat(ok.status).as(ok.body).isEqualTo(200);
            for (ReceivedRequest upstream : junction.mock().received()) {
                assertThat(upstream.path()).as("what reached the upstream").matches(UPSTREAM_PATH);
            }
            junction.mock().clear();
            long growth = usedHeapAfterGc() - heapBefore;
            assertThat(growth).as(() -> "heap growth after GC, bytes; the largest classes:\n" + histogram())
                    .isLessThan(HEAP_GROWTH_LIMIT);
        }));
        return tests.stream();
    }

    private static void check(DoorSpec door, Case c, Outcome outcome) {
        String seen = brief(c.name()) + " -> " + outcome.status + " " + brief(outcome.body);
        if (c.httpLayer() && (outcome.status == 0 || outcome.body.isEmpty())) {
            // refused by HTTP itself (a closed connection, or a bodiless 4xx): allowed, but never a 5xx
            assertThat(outcome.status).as(seen).isLessThan(500);
            return;
        }
        assertThat(outcome.status).as("an answer, never a 5xx: %s", seen).isBetween(200, 499);
        if (outcome.status < 400) {
            return;
        }
        assertThat(outcome.contentType).as(seen).startsWith("application/json");
        assertThat(outcome.whole()).as("an error body of %d chars: %s", outcome.length, seen).isTrue();
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(outcome.body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + seen, e);
        }
        // a path no door claims is the fallback door's (OpenAI's) 404
        String message = c.unroutable() && outcome.status == 404 && door.shape.message(body, 404) == null
                ? Shape.OPENAI.message(body, 404) : door.shape.message(body, outcome.status);
        assertThat(message).as("the %s error shape: %s", door.shape, seen).isNotNull();
        assertThat(message.length()).as("message length of %s", seen).isLessThanOrEqualTo(MAX_MESSAGE);
    }

    private static List<Case> headerBombs(DoorSpec door) {
        byte[] base = door.base.getBytes(StandardCharsets.UTF_8);
        String big = "h".repeat(40 * 1024);
        Map<String, Map<String, String>> bombs = new LinkedHashMap<>();
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 300; i++) {
            many.put("x-junk-" + i, "v".repeat(150));
        }
        bombs.put("300 headers of 150 bytes", many);
        Map<String, String> tiny = new LinkedHashMap<>();
        for (int i = 0; i < 4000; i++) {
            tiny.put("x" + i, "1");
        }
        bombs.put("4000 tiny headers", tiny);
        bombs.put("a 40 KB JSON Content-Type", Map.of("Content-Type", "application/json; p=" + big));
        bombs.put("a 40 KB Content-Type that is not JSON", Map.of("Content-Type", "text/plain; p=" + big));
        bombs.put("a 40 KB Content-Type name", Map.of("Content-Type", big));
        bombs.put("a 40 KB bearer token", Map.of("Authorization", "Bearer " + big));
        bombs.put("a 40 KB Authorization scheme", Map.of("Authorization", big));
        bombs.put("a 40 KB x-api-key", Map.of("x-api-key", big));
        bombs.put("a 40 KB x-goog-api-key", Map.of("x-goog-api-key", big));
        bombs.put("a 40 KB anthropic-version", Map.of("anthropic-version", big));
        bombs.put("a 40 KB anthropic-beta", Map.of("anthropic-beta", big));
        bombs.put("a 40 KB x-request-id", Map.of("x-request-id", big));
        bombs.put("a 40 KB User-Agent", Map.of("User-Agent", big));
        bombs.put("a 40 KB Accept", Map.of("Accept", big));
        bombs.put("a 40 KB Accept-Encoding", Map.of("Accept-Encoding", big));
        bombs.put("a 40 KB traceparent", Map.of("traceparent", big));
        bombs.put("a 40 KB x-forwarded-for", Map.of("X-Forwarded-For", big));
        bombs.put("a 40 KB header name", Map.of("x-" + big, "1"));
        bombs.put("an odd token", Map.of("Authorization", "Bearer \u00ff\u00fe.."));
        bombs.put("a Content-Type with a charset that does not exist", Map.of("Content-Type",
                "application/json; charset=klingon"));
        bombs.put("a Content-Type of UTF-16", Map.of("Content-Type", "application/json; charset=utf-16"));
        List<Case> cases = new ArrayList<>();
        bombs.forEach((name, headers) -> cases.add(new Case(name, () -> door.send(base, headers), false)));
        // past the server's header limit: HTTP itself refuses them
        cases.add(new Case("a 100 KB header", () -> raw(door, door.uriPath(), "x-big: " + "b".repeat(100 * 1024)
                + "\r\n"), true));
        StringBuilder lots = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            lots.append("x-").append(i).append(": 1234567890\r\n");
        }
        cases.add(new Case("10000 headers past the limit", () -> raw(door, door.uriPath(), lots.toString()), true));
        cases.add(new Case("a 20 KB request line", () -> raw(door, door.uriPath() + "?q=" + "q".repeat(20 * 1024),
                ""), true));
        return cases;
    }

    private static final List<String> MODEL_NAMES = List.of(
            "../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "%2e%2e", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..", ".",
            "gemini-2.5-flash\u0000", "\u0000", "gemini-\u0000../../x", "a".repeat(10 * 1024),
            "gemini-" + "a".repeat(10 * 1024), "gemini-2.5-flash/../../v1beta/files", "gemini-../../x",
            "gemini-..\\..\\windows", "gemini-*", "*", "", " ", "models/gemini-2.5-flash",
            "gemini-2.5-flash:generateContent?key=x", "gemini-x#fragment", "gemini-x?alt=json&key=y",
            "gemini-x\r\nX-Injected: 1", "gemini-x\nHost: evil", "ジェミニ", "gemini-\u202Eevil", "gemini-😀",
            "gemini-2.5-flash%00", "gemini-" + "%".repeat(100), "gemini-\u007f\u0001\u001b[31m",
            "gemini-" + "\u00e9".repeat(5000), "gemini-" + "😀".repeat(3000), "gemini-x;rm -rf /",
            "gemini-$(reboot)", "gemini-{{model}}", "gemini-%s%n%x", "gemini-' OR 1=1 --");

    private static List<Case> modelNames(DoorSpec door) {
        List<Case> cases = new ArrayList<>();
        for (String name : MODEL_NAMES) {
            String label = "model " + brief(name.replaceAll("\\p{Cntrl}", "?"));
            if (door.withModel != null) {
                byte[] body = door.withModel.apply(name).getBytes(StandardCharsets.UTF_8);
                cases.add(new Case(label, () -> door.send(body, Map.of()), false));
            } else {
                byte[] body = door.base.getBytes(StandardCharsets.UTF_8);
                String path = door.path.apply(escapeAll(name));
                // past the server's 16 KB request line, HTTP itself refuses it
                cases.add(new Case(label + " (escaped in the path)", () -> door.sendTo(path, body, Map.of()),
                        path.length() > 16 * 1024));
            }
        }
        if (door.withModel == null) {
            // the same names as they are, where HTTP allows: dots, slashes, raw bytes
            for (String raw : List.of("../../etc/passwd", "..", "%2e%2e", "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                    "%ZZ", "%", "%0", "%00", "%c0%af", "%ed%a0%80", "%ff%fe", "gemini-2.5-flash/", "/gemini-2.5-flash",
                    "a".repeat(10 * 1024), "gemini-2.5-flash:generateContent", ":", "")) {
                cases.add(new Case("model " + brief(raw) + " (raw in the path)",
                        () -> raw(door, door.path.apply(raw), ""), false));
            }
        }
        return cases;
    }

    /** Requests only a raw socket sends: query strings and paths with broken escapes. */
    private static List<Case> rawRequests(DoorSpec door) {
        String path = door.uriPath();
        String sep = path.contains("?") ? "&" : "?";
        List<Case> cases = new ArrayList<>();
        for (String query : List.of("alt=%ZZ", "key=%", "alt=%", "%=%", "a=%c0%af", "alt=sse&alt=json",
                "key=" + token + "&key=" + token, "=&=&&", "x=" + "%41".repeat(3000))) {
            cases.add(new Case("query " + brief(query), () -> raw(door, path + sep + query, ""), false));
        }
        cases.add(new Case("a path with an escaped NUL", () -> raw(door, path.replaceFirst("/v1", "/v1%00"), ""),
                false, true));
        cases.add(new Case("a doubled slash", () -> raw(door, "/" + path, ""), false, true));
        cases.add(new Case("a path with dot segments", () -> raw(door, path.replaceFirst("/v1", "/v1/../v1"), ""),
                false, true));
        cases.add(new Case("chunked and cut mid-body", () -> rawBody(door, path,
                "Transfer-Encoding: chunked\r\n", ("40\r\n" + door.base.substring(0, 30)).getBytes(
                        StandardCharsets.UTF_8)), true));
        cases.add(new Case("Content-Length longer than the body", () -> rawBody(door, path,
                "Content-Length: " + (door.base.length() + 50) + "\r\n", door.base.getBytes(StandardCharsets.UTF_8)),
                true));
        return cases;
    }

    private static Outcome raw(DoorSpec door, String path, String moreHead) {
        return rawBody(door, path, "Content-Length: " + door.base.getBytes(StandardCharsets.UTF_8).length + "\r\n"
                + moreHead, door.base.getBytes(StandardCharsets.UTF_8));
    }

    private static Outcome rawBody(DoorSpec door, String path, String head, byte[] body) {
        StringBuilder request = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n");
        door.headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
        request.append(head).append("\r\n");
        byte[] headBytes = request.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = java.util.Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        try {
            // a body shorter than announced is only noticed when the client gives up: wait briefly
            RawExchange.Answer answer = RawExchange.send(junction.gateway().port(), all, Duration.ofSeconds(
                    head.contains("Content-Length: " + (door.base.length() + 50)) || head.contains("chunked") ? 3 : 30));
            String type = answer.head().lines().filter(l -> l.toLowerCase(java.util.Locale.ROOT)
                    .startsWith("content-type:")).map(l -> l.substring(13).trim()).findFirst().orElse("");
            return new Outcome(answer.status(), type, answer.body());
        } catch (IOException e) {
            return new Outcome(0, "", "no answer: " + e);
        }
    }

    /** Percent-escapes every byte that is not unreserved, so that any name can go in a URI. */
    private static String escapeAll(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static String brief(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...(" + text.length() + " chars)";
    }

    /** The top of a class histogram of the live heap, to show what grew. */
    private static String histogram() {
        try {
            String all = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcClassHistogram", new Object[] {null}, new String[] {String[].class.getName()});
            return all.lines().limit(15).collect(java.util.stream.Collectors.joining("\n"));
        } catch (javax.management.JMException e) {
            return e.toString();
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
