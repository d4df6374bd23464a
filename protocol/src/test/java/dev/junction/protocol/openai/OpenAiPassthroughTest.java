package dev.junction.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.GatewayError;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** OpenAI requests relayed to OpenAI-compatible vendors: what is rewritten, and what is left as it came. */
class OpenAiPassthroughTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void onlyTheModelChangesAndUnknownFieldsKeepTheirOrderAndExactValues() throws Exception {
        OpenAiPassthrough.Rewritten out = OpenAiPassthrough.rewrite(bytes("""
                {"model":"alias","messages":[{"role":"user","content":"hi","x":1}],"temperature":0.10,
                 "weird":{"a":[1,2.50]},"logit_bias":{"50256":-100}}"""), "vendor-id");
        assertThat(new String(out.body(), StandardCharsets.UTF_8)).isEqualTo("{\"model\":\"vendor-id\",\"messages\":"
                + "[{\"role\":\"user\",\"content\":\"hi\",\"x\":1}],\"temperature\":0.1,\"weird\":{\"a\":[1,2.5]},"
                + "\"logit_bias\":{\"50256\":-100}}");
        assertThat(out.stream()).isFalse();
    }

    @Test
    void aStreamAsksForUsageAndRemembersWhetherTheClientDid() throws Exception {
        OpenAiPassthrough.Rewritten quiet = OpenAiPassthrough.rewrite(bytes(
                "{\"model\":\"a\",\"stream\":true,\"stream_options\":{\"include_obfuscation\":false}}"), "b");
        JsonNode body = Json.MAPPER.readTree(quiet.body());
        assertThat(body.at("/stream_options/include_usage").asBoolean()).isTrue();
        assertThat(body.at("/stream_options/include_obfuscation").asBoolean(true)).isFalse();
        assertThat(quiet.clientWantsUsage()).isFalse();
        assertThat(OpenAiPassthrough.rewrite(bytes(
                "{\"model\":\"a\",\"stream\":true,\"stream_options\":{\"include_usage\":true}}"), "b")
                .clientWantsUsage()).isTrue();
    }

    @Test
    void extraBodyMovesToTheTopLevel() throws Exception {
        JsonNode body = Json.MAPPER.readTree(OpenAiPassthrough.rewrite(bytes(
                "{\"model\":\"a\",\"extra_body\":{\"enable_thinking\":true,\"model\":\"ignored\"}}"), "b").body());
        assertThat(body.has("extra_body")).isFalse();
        assertThat(body.path("enable_thinking").asBoolean()).isTrue();
        assertThat(body.path("model").asText()).isEqualTo("b");
    }

    @Test
    void theUsageChunkAndUsageNullsLeaveUnlessTheClientAsked() {
        byte[] content = bytes("{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}],\"usage\":null}");
        byte[] usage = bytes("{\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,"
                + "\"total_tokens\":7}}");
        OpenAiPassthroughChunks.Inspection stripped = OpenAiPassthroughChunks.inspect(content, false);
        assertThat(new String(stripped.forward().orElseThrow(), StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}");
        OpenAiPassthroughChunks.Inspection dropped = OpenAiPassthroughChunks.inspect(usage, false);
        assertThat(dropped.forward()).isEmpty();
        assertThat(dropped.usage().orElseThrow().promptTokens()).isEqualTo(5);
        assertThat(OpenAiPassthroughChunks.inspect(content, true).forward().orElseThrow()).isEqualTo(content);
        assertThat(OpenAiPassthroughChunks.inspect(usage, true).forward().orElseThrow()).isEqualTo(usage);
    }

    @Test
    void errorsAndGarbageAreFailuresAndFinishesAreSeen() {
        assertThat(OpenAiPassthroughChunks.inspect(bytes("{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}"),
                false).error().orElseThrow().kind()).isEqualTo(GatewayError.Kind.UPSTREAM_ERROR);
        assertThat(OpenAiPassthroughChunks.inspect(bytes("<html>"), false).error()).isPresent();
        assertThat(OpenAiPassthroughChunks.inspect(bytes("{\"choices\":[{\"index\":0,\"delta\":{},"
                + "\"finish_reason\":\"stop\"}]}"), false).finishes()).isTrue();
        assertThat(OpenAiPassthroughChunks.isDone(bytes("[DONE]"))).isTrue();
    }
}
