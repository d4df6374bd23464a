package dev.junction.gateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.junction.protocol.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local OpenAI-compatible Chat Completions API of ours, on a loopback port of its own, answering
 * {@code POST /v1/chat/completions} in the shapes OpenAI documents: a {@code chat.completion}, or
 * a stream of {@code chat.completion.chunk}s ({@code data: <json>}, a first chunk with the role,
 * content pieces, a finish chunk with an empty delta, with {@code stream_options.include_usage}
 * {@code "usage": null} on every chunk and a last chunk with empty {@code choices} and the usage,
 * then {@code data: [DONE]}), and OpenAI's error body
 * {@code {"error":{"message","type","param","code"}}}. It checks what the real API checks first:
 * {@code Authorization: Bearer} with a known key (else 401 {@code invalid_api_key}), the required
 * fields, {@code stream_options} only with {@code stream}, tool results that answer a call, and it
 * rejects a literal {@code extra_body} as OpenAI does; other unknown fields are accepted and kept
 * in {@link #received()}, as compatible servers do.
 *
 * <p>Scripted by words in the last user message, as the built-in mock is:
 * {@code openai:error=N} (401 echoing the key it got, 429 with {@code Retry-After: 7},
 * {@code quota} for {@code insufficient_quota}, 500, 503); {@code openai:think} adds DeepSeek's
 * {@code reasoning_content}; {@code openai:midstream-error} sends an error chunk after the first
 * content, echoing the key it got; {@code openai:no-done} closes after the finish without {@code [DONE]};
 * {@code openai:cut} closes before any finish; {@code openai:garbage} answers 200 with an HTML page
 * (or, streamed, a chunk that is not JSON). With tools declared (and no tool result to
 * answer) it calls the first tool, or the one {@code tool_choice} names, its arguments streamed
 * in fragments. Usage reports {@value #CACHED} cached prompt tokens. {@code POST /v1/embeddings}
 * answers OpenAI's embedding list (floats or base64) with a word count as its usage.
 */
public final class FakeOpenAi implements AutoCloseable {
    public static final int CACHED = 3;
    public static final String THOUGHT = "Thinking it over.";

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
    private final AtomicInteger calls = new AtomicInteger();

    public FakeOpenAi(Set<String> keys) {
        this.keys = Set.copyOf(keys);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL as vendors document it, with the version path. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public void clear() {
        received.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] raw = ex.getRequestBody().readAllBytes();
            JsonNode body;
            try {
                body = Json.MAPPER.readTree(raw);
            } catch (IOException e) {
                error(ex, 400, "invalid_request_error", "We could not parse the JSON body of your request.", null, null);
                return;
            }
            received.add(new Received(ex.getRequestURI().getPath(), Map.copyOf(ex.getRequestHeaders()), body));
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            String key = auth != null && auth.startsWith("Bearer ") ? auth.substring("Bearer ".length()) : "";
            if (!keys.contains(key)) {
                error(ex, 401, "invalid_request_error", "Incorrect API key provided: " + key
                        + ". You can find your API key at https://platform.openai.com/account/api-keys.", null,
                        "invalid_api_key");
                return;
            }
            if ("POST".equals(ex.getRequestMethod()) && ex.getRequestURI().getPath().equals("/v1/embeddings")) {
                embeddings(ex, body);
                return;
            }
            if (!"POST".equals(ex.getRequestMethod()) || !ex.getRequestURI().getPath().equals("/v1/chat/completions")) {
                error(ex, 404, "invalid_request_error", "Invalid URL (" + ex.getRequestMethod() + " "
                        + ex.getRequestURI().getPath() + ")", null, null);
                return;
            }
            chat(ex, body, key);
        }
    }

    private void chat(HttpExchange ex, JsonNode body, String key) throws IOException {
        if (body == null || !body.path("model").isTextual()) {
            error(ex, 400, "invalid_request_error", "you must provide a model parameter", null, null);
            return;
        }
        if (!body.path("messages").isArray() || body.get("messages").isEmpty()) {
            error(ex, 400, "invalid_request_error", "[] is too short - 'messages'", "messages", "invalid_value");
            return;
        }
        if (body.has("extra_body")) {
            error(ex, 400, "invalid_request_error", "Unrecognized request argument supplied: extra_body", null, null);
            return;
        }
        boolean stream = body.path("stream").asBoolean(false);
        if (body.has("stream_options") && !stream) {
            error(ex, 400, "invalid_request_error",
                    "The 'stream_options' parameter is only allowed when 'stream' is enabled.", "stream_options", null);
            return;
        }
        String unanswered = unansweredToolResult(body.get("messages"));
        if (unanswered != null) {
            error(ex, 400, "invalid_request_error", "Invalid parameter: messages with role 'tool' must be a response to"
                    + " a preceeding message with 'tool_calls'.", "messages.[" + unanswered + "].role", null);
            return;
        }
        String prompt = lastUserText(body.get("messages"));
        if (prompt.contains("openai:error=")) {
            scriptedError(ex, prompt.substring(prompt.indexOf("openai:error=") + "openai:error=".length())
                    .split("\\s")[0], key);
            return;
        }
        if (prompt.contains("openai:garbage")) {
            garbage(ex, body.path("stream").asBoolean(false));
            return;
        }
        boolean thinks = prompt.contains("openai:think");
        JsonNode last = body.get("messages").get(body.get("messages").size() - 1);
        boolean answersTool = "tool".equals(last.path("role").asText());
        JsonNode tools = body.path("tools");
        String callName = null;
        if (tools.isArray() && !tools.isEmpty() && !answersTool && !"none".equals(body.path("tool_choice").asText())) {
            callName = body.path("tool_choice").path("function").path("name")
                    .asText(tools.get(0).path("function").path("name").asText());
        }
        String text = callName != null ? null : answersTool ? "The tool said: " + text(last.path("content"))
                : "Hello from " + body.get("model").asText() + ": " + prompt;
        String callId = "call_fake" + calls.incrementAndGet();
        String arguments = "{\"location\":\"Paris\",\"unit\":\"celsius\"}";
        int promptTokens = promptTokens(body);
        int reasoning = thinks ? words(THOUGHT) : 0;
        int completion = (text == null ? 5 : words(text)) + 1 + reasoning;
        ObjectNode usage = usage(promptTokens, completion, reasoning);
        String finish = callName != null ? "tool_calls" : "stop";
        if (stream) {
            stream(ex, body, prompt, text, thinks, callName, callId, arguments, finish, usage, key);
            return;
        }
        ObjectNode completionBody = base(body, "chat.completion");
        ObjectNode choice = completionBody.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (text == null) {
            message.putNull("content");
        } else {
            message.put("content", text);
        }
        if (thinks) {
            message.put("reasoning_content", THOUGHT);
        }
        message.putNull("refusal");
        if (callName != null) {
            ObjectNode call = message.putArray("tool_calls").addObject().put("id", callId).put("type", "function");
            call.putObject("function").put("name", callName).put("arguments", arguments);
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", finish);
        completionBody.set("usage", usage);
        completionBody.put("system_fingerprint", "fp_fake");
        json(ex, 200, completionBody);
    }

    private void stream(HttpExchange ex, JsonNode body, String prompt, String text, boolean thinks, String callName,
            String callId, String arguments, String finish, ObjectNode usage, String key) throws IOException {
        boolean includeUsage = body.path("stream_options").path("include_usage").asBoolean(false);
        ex.getResponseHeaders().add("Content-Type", "text/event-stream; charset=utf-8");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        ObjectNode first = Json.MAPPER.createObjectNode().put("role", "assistant").put("content", "");
        first.putNull("refusal");
        chunk(out, body, first, null, includeUsage);
        if (thinks) {
            chunk(out, body, Json.MAPPER.createObjectNode().put("reasoning_content", THOUGHT), null, includeUsage);
        }
        if (text != null) {
            for (String piece : halves(text)) {
                chunk(out, body, Json.MAPPER.createObjectNode().put("content", piece), null, includeUsage);
                if (prompt.contains("openai:midstream-error")) {
                    send(out, "{\"error\":{\"message\":\"The server had an error while processing your request"
                            + " (key " + key + ").\",\"type\":\"server_error\",\"param\":null,\"code\":null}}");
                    return;
                }
                if (prompt.contains("openai:cut")) {
                    return;
                }
            }
        } else {
            ObjectNode head = Json.MAPPER.createObjectNode();
            ObjectNode call = head.putArray("tool_calls").addObject().put("index", 0).put("id", callId)
                    .put("type", "function");
            call.putObject("function").put("name", callName).put("arguments", "");
            chunk(out, body, head, null, includeUsage);
            for (String piece : halves(arguments)) {
                ObjectNode delta = Json.MAPPER.createObjectNode();
                delta.putArray("tool_calls").addObject().put("index", 0).putObject("function").put("arguments", piece);
                chunk(out, body, delta, null, includeUsage);
            }
        }
        chunk(out, body, Json.MAPPER.createObjectNode(), finish, includeUsage);
        if (includeUsage) {
            ObjectNode last = base(body, "chat.completion.chunk");
            last.putArray("choices");
            last.set("usage", usage);
            send(out, last.toString());
        }
        if (!prompt.contains("openai:no-done")) {
            send(out, "[DONE]");
        }
    }

    /**
     * {@code POST /v1/embeddings}: one vector per input (a string, strings, or token ids), of
     * {@code dimensions} values (4 by default), as floats or as base64 of little-endian float32.
     * An input containing {@code openai:no-usage} gets an answer without {@code usage}.
     */
    private void embeddings(HttpExchange ex, JsonNode body) throws IOException {
        JsonNode input = body == null ? null : body.get("input");
        if (body == null || !body.path("model").isTextual() || input == null || input.isNull()) {
            error(ex, 400, "invalid_request_error", "'input' is a required property", "input", null);
            return;
        }
        List<String> texts = new java.util.ArrayList<>();
        if (input.isTextual()) {
            texts.add(input.asText());
        } else {
            input.forEach(i -> texts.add(i.isTextual() ? i.asText() : i.toString()));
        }
        int dimensions = body.path("dimensions").asInt(4);
        boolean base64 = "base64".equals(body.path("encoding_format").asText("float"));
        ObjectNode answer = Json.MAPPER.createObjectNode().put("object", "list");
        ArrayNode data = answer.putArray("data");
        int tokens = 0;
        for (int i = 0; i < texts.size(); i++) {
            float[] vector = new float[dimensions];
            for (int d = 0; d < dimensions; d++) {
                vector[d] = (i + 1) * 0.5f / (d + 1);
            }
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            if (base64) {
                java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(4 * dimensions)
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
                for (float v : vector) {
                    bytes.putFloat(v);
                }
                item.put("embedding", java.util.Base64.getEncoder().encodeToString(bytes.array()));
            } else {
                ArrayNode values = item.putArray("embedding");
                for (float v : vector) {
                    values.add(v);
                }
            }
            tokens += words(texts.get(i));
        }
        answer.put("model", body.get("model").asText());
        if (texts.stream().noneMatch(t -> t.contains("openai:no-usage"))) {
            answer.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        }
        json(ex, 200, answer);
    }

    /** A 200 whose body is no chat completion: a proxy's page, or a stream chunk that is not JSON. */
    private static void garbage(HttpExchange ex, boolean stream) throws IOException {
        if (stream) {
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            send(ex.getResponseBody(), "{\"id\":\"chatcmpl-fake01\",\"object\":\"chat.completion.chunk\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}]}");
            send(ex.getResponseBody(), "<html>Bad Gateway</html>");
            return;
        }
        byte[] page = "<html><body>502 Bad Gateway</body></html>".getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "text/html");
        ex.sendResponseHeaders(200, page.length);
        ex.getResponseBody().write(page);
    }

    private static void chunk(OutputStream out, JsonNode body, ObjectNode delta, String finish, boolean includeUsage)
            throws IOException {
        ObjectNode chunk = base(body, "chat.completion.chunk");
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        if (includeUsage) {
            chunk.putNull("usage");
        }
        send(out, chunk.toString());
    }

    private static ObjectNode base(JsonNode body, String object) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("id", "chatcmpl-fake01");
        out.put("object", object);
        out.put("created", 1_700_000_000L);
        out.put("model", body.get("model").asText());
        return out;
    }

    private static void send(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void scriptedError(HttpExchange ex, String code, String key) throws IOException {
        switch (code) {
            case "401" -> error(ex, 401, "invalid_request_error", "Incorrect API key provided: " + key + ".", null,
                    "invalid_api_key");
            case "429" -> {
                ex.getResponseHeaders().add("Retry-After", "7");
                error(ex, 429, "requests", "Rate limit reached for requests per min (RPM): Limit 3, Used 3.", null,
                        "rate_limit_exceeded");
            }
            case "quota" -> error(ex, 429, "insufficient_quota", "You exceeded your current quota, please check your"
                    + " plan and billing details.", null, "insufficient_quota");
            case "400" -> error(ex, 400, "invalid_request_error", "Invalid value for 'temperature'.", "temperature",
                    "invalid_value");
            case "503" -> error(ex, 503, "server_error", "The engine is currently overloaded, please try again later.",
                    null, null);
            default -> error(ex, 500, "server_error", "The server had an error while processing your request.", null,
                    null);
        }
    }

    private static String unansweredToolResult(JsonNode messages) {
        Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            for (JsonNode call : message.path("tool_calls")) {
                ids.add(call.path("id").asText());
            }
            if ("tool".equals(message.path("role").asText()) && !ids.contains(message.path("tool_call_id").asText())) {
                return Integer.toString(i);
            }
        }
        return null;
    }

    private static ObjectNode usage(int prompt, int completion, int reasoning) {
        ObjectNode usage = Json.MAPPER.createObjectNode();
        usage.put("prompt_tokens", prompt).put("completion_tokens", completion).put("total_tokens", prompt + completion);
        usage.putObject("prompt_tokens_details").put("cached_tokens", CACHED).put("audio_tokens", 0);
        usage.putObject("completion_tokens_details").put("reasoning_tokens", reasoning).put("audio_tokens", 0);
        return usage;
    }

    /** Words of every text the request holds, plus 2: a stable stand-in for a tokenizer. */
    public static int promptTokens(JsonNode body) {
        int words = 0;
        for (JsonNode message : body.path("messages")) {
            words += words(text(message.path("content")));
        }
        return words + 2 + CACHED;
    }

    private static String lastUserText(JsonNode messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).path("role").asText())) {
                return text(messages.get(i).path("content"));
            }
        }
        return "";
    }

    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asText())) {
                text.append(text.isEmpty() ? "" : " ").append(part.path("text").asText());
            }
        }
        return text.toString();
    }

    static int words(String text) {
        String trimmed = text.trim();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }

    private static List<String> halves(String text) {
        int middle = text.length() / 2;
        return middle == 0 ? List.of(text) : List.of(text.substring(0, middle), text.substring(middle));
    }

    private static void error(HttpExchange ex, int status, String type, String message, String param, String code)
            throws IOException {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode error = body.putObject("error").put("message", message).put("type", type);
        if (param == null) {
            error.putNull("param");
        } else {
            error.put("param", param);
        }
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        json(ex, status, body);
    }

    private static void json(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }
}
