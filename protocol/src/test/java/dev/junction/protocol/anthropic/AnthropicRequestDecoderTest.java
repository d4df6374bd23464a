package dev.junction.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.protocol.model.ChatRequest;
import dev.junction.protocol.model.GatewayException;
import dev.junction.protocol.model.Part;
import dev.junction.protocol.model.ReasoningEffort;
import dev.junction.protocol.model.Role;
import dev.junction.protocol.model.ToolChoice;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Messages requests as clients of the Anthropic door send them, hostile ones included. */
class AnthropicRequestDecoderTest {
    private static ChatRequest decode(String json) {
        return AnthropicRequestDecoder.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFullRequestBecomesCanonical() {
        ChatRequest request = decode("""
                {"model": "claude-sonnet-4-5", "max_tokens": 2048, "stream": true,
                 "system": [{"type": "text", "text": "Be brief.", "cache_control": {"type": "ephemeral"}}],
                 "temperature": 0.5, "top_k": 40, "stop_sequences": ["END"], "metadata": {"user_id": "u1"},
                 "thinking": {"type": "enabled", "budget_tokens": 1024},
                 "tools": [{"name": "get_weather", "description": "Weather", "input_schema": {"type": "object"}}],
                 "tool_choice": {"type": "tool", "name": "get_weather", "disable_parallel_tool_use": true},
                 "messages": [
                   {"role": "user", "content": [{"type": "text", "text": "Look"},
                     {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}},
                     {"type": "document", "source": {"type": "text", "media_type": "text/plain", "data": "hi"}}]},
                   {"role": "assistant", "content": [{"type": "thinking", "thinking": "hm", "signature": "sig"},
                     {"type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": {"city": "Paris"}}]},
                   {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_1", "content": [{"type": "text", "text": "sunny"}]},
                     {"type": "text", "text": "thanks"}]}]}""");
        assertThat(request.model()).isEqualTo("claude-sonnet-4-5");
        assertThat(request.stream()).isTrue();
        assertThat(request.system()).containsExactly(Part.Text.of("Be brief."));
        assertThat(request.sampling().maxOutputTokens()).contains(2048);
        assertThat(request.sampling().topK()).contains(40);
        assertThat(request.sampling().stop()).containsExactly("END");
        assertThat(request.reasoning().budget()).contains(1024);
        assertThat(request.reasoning().includeThoughts()).isTrue();
        assertThat(request.toolChoice()).contains(new ToolChoice.Named("get_weather"));
        assertThat(request.messages()).extracting(m -> m.role())
                .containsExactly(Role.USER, Role.ASSISTANT, Role.TOOL, Role.USER);
        assertThat(request.messages().get(0).parts().get(1)).isEqualTo(new Part.Blob("image/png", "iVBORw0KGgo="));
        assertThat(request.messages().get(0).parts().get(2)).isEqualTo(new Part.Blob("text/plain", "aGk="));
        assertThat(request.messages().get(1).parts().get(0)).isEqualTo(new Part.Reasoning("hm", Optional.of("sig")));
        assertThat(request.messages().get(2).parts()).containsExactly(
                new Part.ToolResult("toolu_1", "get_weather", "\"sunny\"", false));
    }

    @Test
    void disabledThinkingAsksForNone() {
        ChatRequest request = decode("""
                {"model": "m", "max_tokens": 5, "thinking": {"type": "disabled"}, "messages": [{"role": "user", "content": "x"}]}""");
        assertThat(request.reasoning().effort()).contains(ReasoningEffort.NONE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}]}|max_tokens|max_tokens: Field required",
        "{\"model\": \"m\", \"max_tokens\": 0, \"messages\": [{\"role\": \"user\", \"content\": \"x\"}]}|max_tokens|",
        "{\"model\": \"m\", \"max_tokens\": 5, \"messages\": []}|messages|",
        "{\"model\": \"m\", \"max_tokens\": 5, \"n\": 2, \"messages\": [{\"role\": \"user\", \"content\": \"x\"}]}|n|n: Extra inputs are not permitted",
        "{\"model\": \"m\", \"max_tokens\": 5, \"messages\": [{\"role\": \"system\", \"content\": \"x\"}]}|messages[0].role|",
        "{\"model\": \"m\", \"max_tokens\": 5, \"temperature\": 1.5, \"messages\": [{\"role\": \"user\", \"content\": \"x\"}]}|temperature|",
        "{\"model\": \"m\", \"max_tokens\": 5, \"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"tool_result\", \"tool_use_id\": \"nope\"}]}]}|messages[0].content[0].tool_use_id|",
        "{\"model\": \"m\", \"max_tokens\": 5, \"tools\": [{\"type\": \"web_search_20250305\", \"name\": \"web_search\"}], \"messages\": [{\"role\": \"user\", \"content\": \"x\"}]}|tools[0].type|",
        "{\"model\": \"m\", \"max_tokens\": 5, \"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image\", \"source\": {\"type\": \"file\", \"file_id\": \"f\"}}]}]}|messages[0].content[0].source.type|",
        "{\"model\": \"m\", \"max_tokens\": 5, \"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image\", \"source\": {\"type\": \"base64\", \"media_type\": \"image/tiff\", \"data\": \"AAAA\"}}]}]}|messages[0].content[0].source.media_type|",
        "{\"model\": \"m\", \"max_tokens\": 5, \"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image\", \"source\": {\"type\": \"base64\", \"media_type\": \"image/png\", \"data\": \"data:image/png;base64,AAAA\"}}]}]}|messages[0].content[0].source.data|",
        "{\"model\": \"m\", \"max_tokens\": 5, \"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image\", \"source\": {\"type\": \"url\", \"url\": \"file:///etc/passwd\"}}]}]}|messages[0].content[0].source.url|",
        "{\"model\": \"m\", \"max_tokens\": 2000, \"thinking\": {\"type\": \"enabled\", \"budget_tokens\": 500}, \"messages\": [{\"role\": \"user\", \"content\": \"x\"}]}|thinking.budget_tokens|",
        "{\"model\": \"m\", \"max_tokens\": 5, \"messages\": [{\"role\": \"assistant\", \"content\": [{\"type\": \"server_tool_use\"}]}]}|messages[0].content[0].type|",
        "{\"model\": 7, \"max_tokens\": 5, \"messages\": [{\"role\": \"user\", \"content\": \"x\"}]}|model|",
        "[1, 2]||The request body must be a JSON object.",
        "{\"model\": \"m\", \"max_tokens\": 1e999999999, \"messages\": [{\"role\": \"user\", \"content\": \"x\"}]}|max_tokens|",
    })
    void malformedRequestsAre400sNamingTheField(String body, String param, String message) {
        assertThatThrownBy(() -> decode(body)).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.error().param().orElse("")).isEqualTo(param == null ? "" : param);
            assertThat(e.error().message()).hasSizeLessThan(300);
            if (message != null) {
                assertThat(e.error().message()).isEqualTo(message);
            }
        });
    }

    @Test
    void theCountBodyTakesNoGenerationFields() {
        ChatRequest request = AnthropicRequestDecoder.decodeCount("""
                {"model": "m", "system": "s", "messages": [{"role": "user", "content": "x"}]}""".getBytes(StandardCharsets.UTF_8));
        assertThat(request.sampling().maxOutputTokens()).isEmpty();
        assertThatThrownBy(() -> AnthropicRequestDecoder.decodeCount("""
                {"model": "m", "max_tokens": 5, "messages": [{"role": "user", "content": "x"}]}""".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(GatewayException.class).hasMessage("max_tokens: Extra inputs are not permitted");
    }
}
