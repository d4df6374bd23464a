package dev.junction.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.gateway.testing.TestGateway;
import dev.junction.protocol.Json;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and mistaken requests over raw HTTP, as no SDK would send them: each is a 400 in
 * OpenAI's shape whose {@code param} names the field at fault (where one is), nothing reaches
 * the upstream, and the gateway keeps serving. Bodies are written with single quotes for
 * legibility.
 */
class OpenAiHostileInputTest {
    private static final String USER = "{'role':'user','content':'Hi'}";
    private static final String CALL = "{'role':'assistant','content':null,'tool_calls':[{'id':'call_1','type':'function',"
            + "'function':{'name':'get_weather','arguments':'{}'}}]}";
    private static final String WEATHER = "{'type':'function','function':{'name':'get_weather',"
            + "'parameters':{'type':'object','properties':{'city':{'type':'string'}}}}}";

    @TempDir
    static Path dir;

    static TestGateway junction;
    static TestGateway small;
    static String token;
    static String smallToken;

    @BeforeAll
    static void start() {
        junction = TestGateway.start(dir.resolve("default"));
        token = junction.issue("hostile-user");
        small = TestGateway.start(dir.resolve("small"), "max_body_bytes: 64KB", "");
        smallToken = small.issue("small-user");
    }

    @AfterAll
    static void stop() {
        junction.close();
        small.close();
    }

    @BeforeEach
    void clearUpstream() {
        junction.mock().clear();
        small.mock().clear();
    }

    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    /** A valid minimal request with {@code extra} top-level fields. */
    private static String with(String extra) {
        return json("{'model':'gemini-2.5-flash','messages':[" + USER + "]," + extra + "}");
    }

    private static String messages(String messages) {
        return json("{'model':'gemini-2.5-flash','messages':[" + messages + "]}");
    }

    private static String userContent(String part) {
        return messages("{'role':'user','content':[" + part + "]}");
    }

    private static String tools(String tools) {
        return json("{'model':'gemini-2.5-flash','messages':[" + USER + "],'tools':[" + tools + "]}");
    }

    private static Arguments bad(String param, String body) {
        return Arguments.of(param, body);
    }

    static Stream<Arguments> wrongTopLevelTypes() {
        return Stream.of(
                bad("model", json("{'model':5,'messages':[" + USER + "]}")),
                bad("model", json("{'model':'','messages':[" + USER + "]}")),
                bad("model", json("{'messages':[" + USER + "]}")),
                bad("messages", json("{'model':'gemini-2.5-flash','messages':{}}")),
                bad("messages", json("{'model':'gemini-2.5-flash','messages':[]}")),
                bad("messages", json("{'model':'gemini-2.5-flash'}")),
                bad("temperature", with("'temperature':'hot'")),
                bad("temperature", with("'temperature':3")),
                // once ended the process: the 400 message wrote the number out in full
                bad("temperature", with("'temperature':1e999999999")),
                bad("top_p", with("'top_p':-1e999999999")),
                bad("max_tokens", with("'max_tokens':1e999999999")),
                bad("top_p", with("'top_p':'most'")),
                bad("top_p", with("'top_p':1.5")),
                bad("max_tokens", with("'max_tokens':'10'")),
                bad("max_tokens", with("'max_tokens':-1")),
                bad("max_completion_tokens", with("'max_completion_tokens':true")),
                bad("stop", with("'stop':5")),
                bad("stop[1]", with("'stop':['a',5]")),
                bad("stop", with("'stop':['a','b','c','d','e']")),
                bad("n", with("'n':'2'")),
                bad("n", with("'n':0")),
                bad("seed", with("'seed':'lucky'")),
                bad("presence_penalty", with("'presence_penalty':[]")),
                bad("frequency_penalty", with("'frequency_penalty':{}")),
                bad("frequency_penalty", with("'frequency_penalty':2.5")),
                bad("stream", with("'stream':'yes'")),
                bad("stream_options", with("'stream_options':'usage'")),
                bad("stream_options.include_usage", with("'stream':true,'stream_options':{'include_usage':'yes'}")),
                bad("tools", with("'tools':{}")),
                bad("tool_choice", with("'tool_choice':5")),
                bad("tool_choice", with("'tool_choice':'sometimes'")),
                bad("response_format", with("'response_format':'json'")),
                bad("response_format.type", with("'response_format':{'type':'xml'}")),
                bad("reasoning_effort", with("'reasoning_effort':3")),
                bad("reasoning_effort", with("'reasoning_effort':'extreme'")),
                bad("logprobs", with("'logprobs':'yes'")),
                bad("top_logprobs", with("'top_logprobs':'x'")),
                bad("top_logprobs", with("'top_logprobs':50")),
                bad("user", with("'user':5")),
                bad("metadata", with("'metadata':5")),
                bad("parallel_tool_calls", with("'parallel_tool_calls':'x'")),
                bad("store", with("'store':'x'")),
                bad("service_tier", with("'service_tier':5")),
                bad("logit_bias", with("'logit_bias':5")),
                bad("modalities", with("'modalities':'text'")),
                bad("google", with("'google':5")),
                bad("extra_body", with("'extra_body':5")),
                bad("google.thinking_config", with("'google':{'thinking_config':5}")),
                bad("google.thinking_config.include_thoughts",
                        with("'google':{'thinking_config':{'include_thoughts':'yes'}}")),
                bad("extra_body.google.thinking_config.thinking_budget",
                        with("'extra_body':{'google':{'thinking_config':{'thinking_budget':'lots'}}}")),
                bad("functions", with("'functions':{}")),
                bad("function_call", with("'function_call':5")));
    }

    static Stream<Arguments> wrongMessages() {
        return Stream.of(
                bad("messages[0]", messages("'hi'")),
                bad("messages[0].role", messages("{'role':1,'content':'x'}")),
                bad("messages[0].role", messages("{'content':'x'}")),
                bad("messages[0].role", messages("{'role':'wizard','content':'x'}")),
                bad("messages[0].role", messages("{'role':'USER','content':'x'}")),
                bad("messages[0].content", messages("{'role':'user','content':5}")),
                bad("messages[0].content", messages("{'role':'user'}")),
                bad("messages[0].content", messages("{'role':'system','content':{'text':'x'}}")),
                bad("messages[0].content[0].type", messages("{'role':'system','content':[{'type':'image_url',"
                        + "'image_url':{'url':'data:image/png;base64,AAAA'}}]}")),
                bad("messages[0].name", messages("{'role':'user','content':'x','name':5}")),
                bad("messages[0].content[0]", userContent("'text'")),
                bad("messages[0].content[0].type", userContent("{'type':'video'}")),
                bad("messages[0].content[0].text", userContent("{'type':'text','text':7}")),
                bad("messages[0].content[0].image_url", userContent("{'type':'image_url','image_url':7}")),
                bad("messages[0].content[0].image_url.url", userContent("{'type':'image_url','image_url':{'url':7}}")),
                bad("messages[0].content[0].image_url.detail",
                        userContent("{'type':'image_url','image_url':{'url':'data:image/png;base64,AAAA','detail':5}}")),
                bad("messages[0].content[0].image_url.detail",
                        userContent("{'type':'image_url','image_url':{'url':'data:image/png;base64,AAAA','detail':'max'}}")),
                bad("messages[0].content[0].input_audio.format", userContent(
                        "{'type':'input_audio','input_audio':{'data':'AAAA','format':'flac9'}}")),
                bad("messages[0].content[0].input_audio.data", userContent(
                        "{'type':'input_audio','input_audio':{'data':5,'format':'wav'}}")),
                bad("messages[0].content[0].file", userContent("{'type':'file','file':{}}")),
                bad("messages[0].content[0].file.file_id", userContent("{'type':'file','file':{'file_id':'file-abc123'}}")),
                bad("messages[1].tool_calls", messages(USER + ",{'role':'assistant','tool_calls':{}}")),
                bad("messages[1].tool_calls[0].id", messages(USER + ",{'role':'assistant','tool_calls':[{'type':'function',"
                        + "'function':{'name':'f','arguments':'{}'}}]}")),
                bad("messages[1].tool_calls[0].type", messages(USER + ",{'role':'assistant','tool_calls':[{'id':'c',"
                        + "'type':'custom','function':{'name':'f','arguments':'{}'}}]}")),
                bad("messages[1].tool_calls[0].function.arguments", messages(USER + ",{'role':'assistant','tool_calls':["
                        + "{'id':'c','type':'function','function':{'name':'f','arguments':5}}]}")),
                bad("messages[1].tool_calls[0].function.arguments", messages(USER + ",{'role':'assistant','tool_calls':["
                        + "{'id':'c','type':'function','function':{'name':'f','arguments':'not json'}}]}")),
                bad("messages[1].tool_calls[0].function.arguments", messages(USER + ",{'role':'assistant','tool_calls':["
                        + "{'id':'c','type':'function','function':{'name':'f','arguments':'[1,2]'}}]}")),
                bad("messages[1].tool_call_id", messages(USER + ",{'role':'tool','tool_call_id':'call_nobody_made',"
                        + "'content':'15C'}")),
                bad("messages[2].tool_call_id", messages(USER + "," + CALL + ",{'role':'tool','tool_call_id':5,"
                        + "'content':'15C'}")),
                bad("messages[2].tool_call_id", messages(USER + "," + CALL + ",{'role':'tool','content':'15C'}")),
                bad("messages[2].content", messages(USER + "," + CALL + ",{'role':'tool','tool_call_id':'call_1'}")),
                bad("messages[2].content", messages(USER + "," + CALL + ",{'role':'tool','tool_call_id':'call_1',"
                        + "'content':7}")),
                bad("messages[1].tool_calls[0].extra_content.google.thought_signature", messages(USER
                        + ",{'role':'assistant','tool_calls':[{'id':'c','type':'function','function':{'name':'f',"
                        + "'arguments':'{}'},'extra_content':{'google':{'thought_signature':5}}}]}")));
    }

    static Stream<Arguments> wrongTools() {
        return Stream.of(
                bad("tools[0]", tools("5")),
                bad("tools[0].type", tools("{'type':'retrieval'}")),
                bad("tools[0].function", tools("{'type':'function','function':5}")),
                bad("tools[0].function.name", tools("{'type':'function','function':{'name':5}}")),
                bad("tools[0].function.name", tools("{'type':'function','function':{'name':'bad name!'}}")),
                bad("tools[0].function.name", tools("{'type':'function','function':{'description':'no name'}}")),
                bad("tools[0].function.description", tools("{'type':'function','function':{'name':'f','description':5}}")),
                bad("tools[0].function.parameters", tools("{'type':'function','function':{'name':'f','parameters':5}}")),
                bad("tools[0].function.strict", tools("{'type':'function','function':{'name':'f','strict':'yes'}}")),
                bad("tools[1].function.name", tools(WEATHER + "," + WEATHER)),
                bad("tool_choice.function.name", json("{'model':'gemini-2.5-flash','messages':[" + USER + "],'tools':["
                        + WEATHER + "],'tool_choice':{'type':'function','function':{'name':'nope'}}}")),
                bad("tool_choice.type", json("{'model':'gemini-2.5-flash','messages':[" + USER + "],'tools':["
                        + WEATHER + "],'tool_choice':{'type':'magic'}}")),
                bad("response_format.json_schema", with("'response_format':{'type':'json_schema'}")),
                bad("response_format.json_schema.schema", with("'response_format':{'type':'json_schema',"
                        + "'json_schema':{'name':'x','schema':5}}")));
    }

    static Stream<Arguments> badMedia() {
        return Stream.of(
                bad("messages[0].content[0].image_url.url", userContent(
                        "{'type':'image_url','image_url':{'url':'data:image/png;base64,@@not base64@@'}}")),
                bad("messages[0].content[0].image_url.url", userContent(
                        "{'type':'image_url','image_url':{'url':'data:image/png;base64,AAAAA'}}")),
                bad("messages[0].content[0].image_url.url", userContent(
                        "{'type':'image_url','image_url':{'url':'data:image/png,plain'}}")),
                bad("messages[0].content[0].image_url.url", userContent(
                        "{'type':'image_url','image_url':{'url':'data:;base64,AAAA'}}")),
                bad("messages[0].content[0].image_url.url", userContent(
                        "{'type':'image_url','image_url':{'url':'data:image/png;base64,'}}")),
                bad("messages[0].content[0].image_url.url", userContent(
                        "{'type':'image_url','image_url':{'url':'ftp://example.com/cat.png'}}")),
                bad("messages[0].content[0].image_url.url", userContent(
                        "{'type':'image_url','image_url':{'url':'not a url at all'}}")),
                bad("messages[0].content[0].image_url.url", userContent(
                        "{'type':'image_url','image_url':{'url':'file:///etc/passwd'}}")),
                bad("messages[0].content[0].input_audio.data", userContent(
                        "{'type':'input_audio','input_audio':{'data':'%%%%','format':'wav'}}")),
                bad("messages[0].content[0].file.file_data", userContent(
                        "{'type':'file','file':{'file_data':'data:application/pdf;base64,!!!!','filename':'a.pdf'}}")),
                bad("messages[0].content[0].file.file_data", userContent(
                        "{'type':'file','file':{'file_data':'JVBERi0xLjQ=','filename':'no-extension'}}")));
    }

    static Stream<Arguments> privateAddresses() {
        return Stream.of(
                "http://127.0.0.1:9/cat.png", "http://localhost/cat.png", "http://10.0.0.8/cat.png",
                "http://192.168.1.1/cat.png", "http://169.254.169.254/latest/meta-data/", "http://[::1]/cat.png",
                "http://0.0.0.0/cat.png")
                .map(url -> bad("messages[0].content[1].image_url.url", userContent(
                        "{'type':'text','text':'look'},{'type':'image_url','image_url':{'url':'" + url + "'}}")));
    }

    private static JsonNode error(HttpResponse<String> response) {
        try {
            return Json.MAPPER.readTree(response.body()).path("error");
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private static void assertRefused(TestGateway gateway, HttpResponse<String> response, String param) {
        assertRefused(gateway, response, param, 400);
    }

    private static void assertTooLarge(TestGateway gateway, HttpResponse<String> response) {
        assertRefused(gateway, response, "body", 413);
        assertThat(error(response).path("code").asText()).isEqualTo("request_too_large");
    }

    private static void assertRefused(TestGateway gateway, HttpResponse<String> response, String param, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).get().asString().startsWith("application/json");
        JsonNode error = error(response);
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("message").asText()).isNotBlank().hasSizeLessThan(400);
        assertThat(error.has("code")).isTrue();
        if (param == null) {
            assertThat(error.path("param").isNull()).as("param of %s", error).isTrue();
        } else {
            assertThat(error.path("param").asText()).as("param of %s", error).isEqualTo(param);
        }
        assertThat(gateway.mock().received()).as("nothing reached the upstream").isEmpty();
    }

    private static void stillServes(TestGateway gateway, String token) {
        HttpResponse<String> ok = gateway.post("/v1/chat/completions", TestGateway.bearer(token),
                messages("{'role':'user','content':'still there?'}"));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ok.body()).contains("still there?");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource({"wrongTopLevelTypes", "wrongMessages", "wrongTools", "badMedia", "privateAddresses"})
    void refusedWithTheParamAtFault(String param, String body) {
        assertRefused(junction, junction.post("/v1/chat/completions", TestGateway.bearer(token), body), param);
        stillServes(junction, token);
    }

    @ParameterizedTest(name = "stream: {0}: {1}")
    @MethodSource({"wrongMessages", "badMedia"})
    void aStreamedRequestIsRefusedBeforeAnyEvent(String param, String body) {
        String streamed = body.substring(0, body.length() - 1) + ",\"stream\":true}";
        assertRefused(junction, junction.post("/v1/chat/completions", TestGateway.bearer(token), streamed), param);
    }

    @Test
    void malformedJson() {
        assertRefused(junction, junction.post("/v1/chat/completions", TestGateway.bearer(token),
                "{\"model\": \"gemini-2.5-flash\", \"messages\": ["), null);
        assertRefused(junction, junction.post("/v1/chat/completions", TestGateway.bearer(token),
                "[{\"model\": \"gemini-2.5-flash\"}]"), null);
        assertRefused(junction, junction.post("/v1/chat/completions", TestGateway.bearer(token), "null"), null);
        assertRefused(junction, junction.post("/v1/chat/completions", TestGateway.bearer(token),
                "{\"model\": \"gemini-2.5-flash\", \"model\": \"gemini-2.5-pro\", \"messages\": []}"), "messages");
        stillServes(junction, token);
    }

    @Test
    void wrongContentType() {
        assertRefused(junction, junction.post("/v1/chat/completions",
                Map.of("Authorization", "Bearer " + token, "Content-Type", "text/plain"),
                messages(USER)), "Content-Type");
        assertRefused(junction, junction.post("/v1/chat/completions",
                Map.of("Authorization", "Bearer " + token, "Content-Type", "application/x-www-form-urlencoded"),
                "model=gemini-2.5-flash"), "Content-Type");
        stillServes(junction, token);
    }

    @Test
    void aJsonBodySentWithCurlsDefaultContentTypeIsTaken() {
        HttpResponse<String> response = junction.post("/v1/chat/completions",
                Map.of("Authorization", "Bearer " + token, "Content-Type", "application/x-www-form-urlencoded"),
                messages(USER));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"chat.completion\"");
    }

    @Test
    void emptyBody() {
        assertRefused(junction, junction.post("/v1/chat/completions", TestGateway.bearer(token), ""), "body");
        stillServes(junction, token);
    }

    @Test
    void aHugeImageIsRefusedByTheBodyLimit() {
        byte[] image = new byte[100 * 1024];
        String body = userContent("{'type':'text','text':'look'},{'type':'image_url','image_url':{'url':"
                + "'data:image/png;base64," + Base64.getEncoder().encodeToString(image) + "'}}");
        assertTooLarge(small, small.post("/v1/chat/completions", TestGateway.bearer(smallToken), body));
        assertThat(error(small.post("/v1/chat/completions", TestGateway.bearer(smallToken), body))
                .path("message").asText()).contains("64 KB");
        stillServes(small, smallToken);
    }

    @Test
    void aHugeBodyThatNeverEndsIsCutOff() throws Exception {
        // A client that announces nothing and streams more than the limit: refused, not buffered.
        byte[] chunk = new byte[16 * 1024];
        java.util.Arrays.fill(chunk, (byte) ' ');
        HttpRequest request = HttpRequest.newBuilder(small.uri("/v1/chat/completions"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + smallToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.InputStream() {
                    private long sent;

                    @Override
                    public int read() {
                        return sent++ < 10L * 1024 * 1024 ? ' ' : -1;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) {
                        if (sent >= 10L * 1024 * 1024) {
                            return -1;
                        }
                        int n = Math.min(len, chunk.length);
                        System.arraycopy(chunk, 0, b, off, n);
                        sent += n;
                        return n;
                    }
                }))
                .build();
        HttpResponse<String> response;
        try {
            response = small.http().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // The server may close the connection while the client is still sending: also a refusal.
            stillServes(small, smallToken);
            return;
        }
        assertTooLarge(small, response);
        stillServes(small, smallToken);
    }

    @Test
    void unknownPathsAndMethodsAreOpenAiShaped404s() throws Exception {
        HttpResponse<String> path = junction.post("/v1/chat/complete", TestGateway.bearer(token), messages(USER));
        assertThat(path.statusCode()).isEqualTo(404);
        assertThat(error(path).path("message").asText()).contains("/v1/chat/complete");
        HttpResponse<String> method = junction.get("/v1/chat/completions", TestGateway.bearer(token));
        assertThat(method.statusCode()).isEqualTo(404);
        assertThat(error(method).path("message").asText()).contains("POST");
        stillServes(junction, token);
    }
}
