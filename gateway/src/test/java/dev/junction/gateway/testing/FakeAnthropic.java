package dev.junction.gateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.junction.protocol.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local Anthropic Messages API of ours, on a loopback port of its own, answering the shapes
 * Anthropic documents: {@code POST /v1/messages} (whole, or streamed as {@code message_start},
 * {@code ping}, {@code content_block_*}, {@code message_delta}, {@code message_stop}) and
 * {@code POST /v1/messages/count_tokens}. It checks what the real API checks first: the key in
 * {@code x-api-key}, {@code anthropic-version: 2023-06-01}, the required fields, a thinking budget
 * of at least 1024 tokens below {@code max_tokens}; and it rejects fields the endpoint does not
 * take.
 *
 * <p>Scripted by words in the last user turn, as the built-in mock is: {@code anthropic:error=N}
 * (401, 403, 429 with {@code retry-after: 7}, 500, 529) answers Anthropic's error body;
 * {@code anthropic:stop} ends on the first stop sequence; {@code anthropic:midstream-error}
 * sends an {@code error} event half-way; {@code anthropic:redacted} adds a
 * {@code redacted_thinking} block. With tools declared (and no tool result to answer) it calls
 * the first tool, or the one {@code tool_choice} names; with thinking enabled it thinks first,
 * with a signature. Usage reports {@value #CACHE_WRITE} tokens written to the prompt cache and
 * {@value #CACHE_READ} read from it.
 */
public final class FakeAnthropic implements AutoCloseable {
    public static final String VERSION = "2023-06-01";
    public static final int CACHE_WRITE = 5;
    public static final int CACHE_READ = 11;
    public static final String SIGNATURE = "EqQBCkgIARABGAIiQL2xSignedByFakeAnthropic==";
    public static final String REDACTED = "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP";

    /** One request as it arrived. */
    public record Received(String path, Map<String, List<String>> headers, JsonNode body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final Set<String> keys;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger toolIds = new AtomicInteger();

    public FakeAnthropic(Set<String> keys) {
        this.keys = Set.copyOf(keys);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public void clear() {
        received.clear();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] raw = ex.getRequestBody().readAllBytes();
            JsonNode body;
            try {
                body = Json.MAPPER.readTree(raw);
            } catch (IOException e) {
                error(ex, 400, "invalid_request_error", "The request body is not valid JSON.");
                return;
            }
            received.add(new Received(ex.getRequestURI().getPath(), Map.copyOf(ex.getRequestHeaders()), body));
            String key = ex.getRequestHeaders().getFirst("x-api-key");
            if (key == null || !keys.contains(key)) {
                error(ex, 401, "authentication_error", "invalid x-api-key");
                return;
            }
            if (!VERSION.equals(ex.getRequestHeaders().getFirst("anthropic-version"))) {
                error(ex, 400, "invalid_request_error", "anthropic-version: header is required");
                return;
            }
            String path = ex.getRequestURI().getPath();
            if (!"POST".equals(ex.getRequestMethod())) {
                error(ex, 405, "invalid_request_error", "Method not allowed");
            } else if (path.equals("/v1/messages")) {
                messages(ex, body);
            } else if (path.equals("/v1/messages/count_tokens")) {
                count(ex, body);
            } else {
                error(ex, 404, "not_found_error", "Not found");
            }
        }
    }

    private void count(HttpExchange ex, JsonNode body) throws IOException {
        for (String field : List.of("max_tokens", "stream", "temperature", "top_p", "top_k", "stop_sequences")) {
            if (body.has(field)) {
                error(ex, 400, "invalid_request_error", field + ": Extra inputs are not permitted");
                return;
            }
        }
        if (!body.path("model").isTextual() || !body.path("messages").isArray()) {
            error(ex, 400, "invalid_request_error", "model and messages: Field required");
            return;
        }
        json(ex, 200, Json.MAPPER.createObjectNode().put("input_tokens", inputTokens(body)));
    }

    private void messages(HttpExchange ex, JsonNode body) throws IOException {
        if (!body.path("model").isTextual() || !body.path("max_tokens").isInt() || !body.path("messages").isArray()
                || body.path("messages").isEmpty()) {
            error(ex, 400, "invalid_request_error", "model, max_tokens and messages: Field required");
            return;
        }
        int maxTokens = body.get("max_tokens").asInt();
        JsonNode thinking = body.path("thinking");
        boolean thinks = "enabled".equals(thinking.path("type").asText());
        if (thinks && (thinking.path("budget_tokens").asInt() < 1024 || thinking.path("budget_tokens").asInt()
                >= maxTokens)) {
            error(ex, 400, "invalid_request_error",
                    "thinking.budget_tokens: must be >= 1024 and less than max_tokens");
            return;
        }
        if (body.path("temperature").isNumber() && body.get("temperature").asDouble() > 1) {
            error(ex, 400, "invalid_request_error", "temperature: Input should be less than or equal to 1");
            return;
        }
        String prompt = lastUserText(body.get("messages"));
        if (prompt.contains("anthropic:error=")) {
            String code = prompt.substring(prompt.indexOf("anthropic:error=") + "anthropic:error=".length()).split("\\s")[0];
            switch (code) {
                case "401" -> error(ex, 401, "authentication_error", "invalid x-api-key");
                case "403" -> error(ex, 403, "permission_error", "Your API key does not have permission to use the specified resource.");
                case "429" -> {
                    ex.getResponseHeaders().add("retry-after", "7");
                    error(ex, 429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit");
                }
                case "500" -> error(ex, 500, "api_error", "Internal server error");
                default -> error(ex, 529, "overloaded_error", "Overloaded");
            }
            return;
        }
        List<ObjectNode> blocks = new ArrayList<>();
        if (thinks) {
            blocks.add(Json.MAPPER.createObjectNode().put("type", "thinking")
                    .put("thinking", "The user asks: " + prompt + ". I should answer briefly.").put("signature", SIGNATURE));
            if (prompt.contains("anthropic:redacted")) {
                blocks.add(Json.MAPPER.createObjectNode().put("type", "redacted_thinking").put("data", REDACTED));
            }
        }
        String stopReason = "end_turn";
        String stopSequence = null;
        JsonNode tools = body.path("tools");
        if (tools.isArray() && !tools.isEmpty() && !endsInToolResult(body.get("messages"))
                && !"none".equals(body.path("tool_choice").path("type").asText())) {
            String name = body.path("tool_choice").path("name").asText(tools.get(0).path("name").asText());
            ObjectNode call = Json.MAPPER.createObjectNode().put("type", "tool_use")
                    .put("id", "toolu_fake" + toolIds.incrementAndGet()).put("name", name);
            call.putObject("input").put("location", "Paris").put("unit", "celsius");
            blocks.add(Json.MAPPER.createObjectNode().put("type", "text").put("text", "Let me check."));
            blocks.add(call);
            stopReason = "tool_use";
        } else {
            String text = endsInToolResult(body.get("messages")) ? "The tool said: " + prompt
                    : "Hello from Claude: " + prompt;
            if (prompt.contains("anthropic:stop") && body.path("stop_sequences").isArray()
                    && !body.get("stop_sequences").isEmpty()) {
                stopReason = "stop_sequence";
                stopSequence = body.get("stop_sequences").get(0).asText();
                text = "Stopped";
            }
            blocks.add(Json.MAPPER.createObjectNode().put("type", "text").put("text", text));
        }
        int input = inputTokens(body);
        int output = blocks.stream().mapToInt(b -> words(b.path("text").asText(b.path("thinking").asText("")))).sum()
                + 3;
        if (body.path("stream").asBoolean(false)) {
            stream(ex, body, blocks, stopReason, stopSequence, input, output, prompt.contains("anthropic:midstream-error"));
            return;
        }
        ObjectNode message = Json.MAPPER.createObjectNode();
        message.put("id", "msg_fake01");
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", body.get("model").asText());
        ArrayNode content = message.putArray("content");
        blocks.forEach(content::add);
        message.put("stop_reason", stopReason);
        if (stopSequence == null) {
            message.putNull("stop_sequence");
        } else {
            message.put("stop_sequence", stopSequence);
        }
        message.set("usage", usage(input, output));
        json(ex, 200, message);
    }

    private void stream(HttpExchange ex, JsonNode body, List<ObjectNode> blocks, String stopReason, String stopSequence,
            int input, int output, boolean midstreamError) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        ObjectNode message = Json.MAPPER.createObjectNode();
        message.put("id", "msg_fake01").put("type", "message").put("role", "assistant")
                .put("model", body.get("model").asText());
        message.putArray("content");
        message.putNull("stop_reason").putNull("stop_sequence");
        message.set("usage", usage(input, 1));
        ObjectNode start = Json.MAPPER.createObjectNode().put("type", "message_start");
        start.set("message", message);
        send(out, "message_start", start);
        send(out, "ping", Json.MAPPER.createObjectNode().put("type", "ping"));
        for (int i = 0; i < blocks.size(); i++) {
            ObjectNode block = blocks.get(i);
            String type = block.get("type").asText();
            ObjectNode head = block.deepCopy();
            switch (type) {
                case "text" -> head.put("text", "");
                case "thinking" -> head.put("thinking", "").put("signature", "");
                case "tool_use" -> head.putObject("input");
                default -> { }
            }
            send(out, "content_block_start", Json.MAPPER.createObjectNode().put("type", "content_block_start")
                    .put("index", i).set("content_block", head));
            switch (type) {
                case "text" -> {
                    for (String piece : halves(block.get("text").asText())) {
                        delta(out, i, Json.MAPPER.createObjectNode().put("type", "text_delta").put("text", piece));
                        if (midstreamError) {
                            send(out, "error", (ObjectNode) Json.MAPPER.readTree(
                                    "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
                            return;
                        }
                    }
                }
                case "thinking" -> {
                    for (String piece : halves(block.get("thinking").asText())) {
                        delta(out, i, Json.MAPPER.createObjectNode().put("type", "thinking_delta").put("thinking", piece));
                    }
                    delta(out, i, Json.MAPPER.createObjectNode().put("type", "signature_delta")
                            .put("signature", block.get("signature").asText()));
                }
                case "tool_use" -> {
                    for (String piece : halves(block.get("input").toString())) {
                        delta(out, i, Json.MAPPER.createObjectNode().put("type", "input_json_delta")
                                .put("partial_json", piece));
                    }
                }
                default -> { }
            }
            send(out, "content_block_stop", Json.MAPPER.createObjectNode().put("type", "content_block_stop")
                    .put("index", i));
        }
        ObjectNode delta = Json.MAPPER.createObjectNode().put("type", "message_delta");
        ObjectNode d = delta.putObject("delta").put("stop_reason", stopReason);
        if (stopSequence == null) {
            d.putNull("stop_sequence");
        } else {
            d.put("stop_sequence", stopSequence);
        }
        delta.putObject("usage").put("output_tokens", output);
        send(out, "message_delta", delta);
        send(out, "message_stop", Json.MAPPER.createObjectNode().put("type", "message_stop"));
    }

    private static List<String> halves(String text) {
        int middle = text.length() / 2;
        return middle == 0 ? List.of(text) : List.of(text.substring(0, middle), text.substring(middle));
    }

    private static void delta(OutputStream out, int index, ObjectNode delta) throws IOException {
        send(out, "content_block_delta", Json.MAPPER.createObjectNode().put("type", "content_block_delta")
                .put("index", index).set("delta", delta));
    }

    private static void send(OutputStream out, String event, ObjectNode data) throws IOException {
        out.write(("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static ObjectNode usage(int input, int output) {
        return Json.MAPPER.createObjectNode().put("input_tokens", input)
                .put("cache_creation_input_tokens", CACHE_WRITE).put("cache_read_input_tokens", CACHE_READ)
                .put("output_tokens", output);
    }

    /** Words of every text the request holds, system included: a stable stand-in for a tokenizer. */
    static int inputTokens(JsonNode body) {
        int words = 0;
        JsonNode system = body.path("system");
        if (system.isTextual()) {
            words += words(system.asText());
        }
        for (JsonNode block : system.isArray() ? system : Json.MAPPER.createArrayNode()) {
            words += words(block.path("text").asText(""));
        }
        for (JsonNode message : body.path("messages")) {
            words += words(text(message.path("content")));
        }
        return words + 2;
    }

    private static String lastUserText(JsonNode messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).path("role").asText())) {
                return text(messages.get(i).path("content"));
            }
        }
        return "";
    }

    private static boolean endsInToolResult(JsonNode messages) {
        JsonNode last = messages.get(messages.size() - 1).path("content");
        if (!last.isArray()) {
            return false;
        }
        for (JsonNode block : last) {
            if ("tool_result".equals(block.path("type").asText())) {
                return true;
            }
        }
        return false;
    }

    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : content) {
            switch (block.path("type").asText()) {
                case "text" -> text.append(block.path("text").asText()).append(' ');
                case "tool_result" -> text.append(text(block.path("content"))).append(' ');
                default -> { }
            }
        }
        return text.toString().trim();
    }

    private static int words(String text) {
        String trimmed = text.trim();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }

    private static void error(HttpExchange ex, int status, String type, String message) throws IOException {
        ObjectNode body = Json.MAPPER.createObjectNode().put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        body.put("request_id", "req_fake01");
        json(ex, status, body);
    }

    private static void json(HttpExchange ex, int status, ObjectNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
