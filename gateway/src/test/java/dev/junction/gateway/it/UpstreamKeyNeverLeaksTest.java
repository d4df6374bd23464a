package dev.junction.gateway.it;

import static dev.junction.gateway.testing.ScriptedUpstream.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.testing.ScriptedUpstream;
import dev.junction.gateway.testing.TestGateway;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The operator's key planted in every shape of upstream error Junction relays (a status with a
 * Google error body, an HTML page, an in-band stream error, a DebugInfo detail): it never reaches
 * a client of either door, streamed or not. The OpenAI stream once relayed it verbatim.
 */
class UpstreamKeyNeverLeaksTest {
    private static final String KEY = "AIzaLeakyKey0123456789";

    @org.junit.jupiter.api.io.TempDir
    static Path dir;

    static ScriptedUpstream upstream;
    static TestGateway junction;
    static String token;

    @BeforeAll
    static void start() throws IOException {
        upstream = new ScriptedUpstream(ScriptedUpstream.ok("fine"));
        junction = TestGateway.start(dir, mockUrl -> """
                server:
                  port: 0
                data_dir: %s
                upstreams:
                  - name: leaky
                    base_url: %s
                    api_keys: [%s]
                """.formatted(dir.resolve("data"), upstream.baseUrl(), KEY));
        token = junction.issue("leak-test");
    }

    @AfterAll
    static void stop() throws IOException {
        junction.close();
        upstream.close();
    }

    static Stream<Arguments> shapes() {
        String google = "{\"error\":{\"code\":%d,\"message\":\"key " + KEY + " is not valid\",\"status\":\"%s\","
                + "\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.DebugInfo\",\"detail\":\"" + KEY + "\"},"
                + "{\"@type\":\"type.googleapis.com/google.rpc.Help\",\"links\":[{\"url\":\"https://x/?key=" + KEY
                + "\"}]}]}}";
        String inBand = "{\"error\":{\"code\":500,\"message\":\"failed for key=" + KEY + "\",\"status\":\"INTERNAL\"}}";
        String first = "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hi\"}]},\"index\":0}]}";
        return Stream.of(
                Arguments.of("400 body", status(400, google.formatted(400, "INVALID_ARGUMENT"))),
                Arguments.of("403 body", status(403, google.formatted(403, "PERMISSION_DENIED"))),
                Arguments.of("429 body", status(429, google.formatted(429, "RESOURCE_EXHAUSTED"))),
                Arguments.of("500 body", status(500, google.formatted(500, "INTERNAL"))),
                Arguments.of("HTML page", status(502, "<html>upstream " + KEY + " broke</html>")),
                Arguments.of("in-band stream error", new ScriptedUpstream.Act.Stream(List.of(first, inBand), false)),
                Arguments.of("in-band first event", new ScriptedUpstream.Act.Stream(List.of(inBand), false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void neverInAnOpenAiAnswer(String name, ScriptedUpstream.Act act) {
        for (boolean stream : new boolean[] {false, true}) {
            upstream.then(act);
            HttpResponse<String> response = junction.post("/v1/chat/completions", TestGateway.bearer(token),
                    "{\"model\":\"gemini-2.5-flash\",\"stream\":" + stream
                            + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertThat(response.body()).as("stream=%s: %s", stream, response.body()).doesNotContain(KEY)
                    .doesNotContain(KEY.substring(4, 16));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void neverInAGeminiAnswer(String name, ScriptedUpstream.Act act) {
        for (String path : new String[] {":generateContent", ":streamGenerateContent?alt=sse", ":streamGenerateContent"}) {
            upstream.then(act);
            HttpResponse<String> response = junction.post("/v1beta/models/gemini-2.5-flash" + path,
                    TestGateway.bearer(token), "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}");
            assertThat(response.body()).as("%s: %s", path, response.body()).doesNotContain(KEY)
                    .doesNotContain(KEY.substring(4, 16));
        }
    }
}
