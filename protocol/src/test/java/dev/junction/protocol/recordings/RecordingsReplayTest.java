package dev.junction.protocol.recordings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.gemini.GeminiErrors;
import dev.junction.protocol.gemini.GeminiResponseDecoder;
import dev.junction.protocol.gemini.GeminiStreamDecoder;
import dev.junction.protocol.model.ChatResponse;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.StreamContext;
import dev.junction.protocol.model.StreamEvent;
import dev.junction.protocol.model.ToolCallIds;
import dev.junction.protocol.openai.OpenAiErrors;
import dev.junction.protocol.openai.OpenAiResponseEncoder;
import dev.junction.protocol.openai.OpenAiStreamEncoder;
import dev.junction.protocol.sse.SseEvent;
import dev.junction.protocol.sse.SseParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the real Gemini recordings of the team's shared folder through the decoders and the
 * OpenAI encoders and checks what must hold whatever the wording: nothing throws, finish reasons
 * are OpenAI literals, tool-call ids are unique, usage adds up to the recording's numbers, and
 * every thought signature reaches the client byte for byte. The folder is not part of the
 * project (it is not on users' machines), so these tests run only where it exists.
 */
class RecordingsReplayTest {
    private static final Path RECORDINGS = Path.of("").toAbsolutePath().getParent()
            .resolve("../shared/fixtures/gemini").normalize();
    private static final Set<String> FINISH_REASONS = Set.of("stop", "length", "tool_calls", "content_filter");
    private static final Pattern SIGNATURE = Pattern.compile("\"thoughtSignature\"\\s*:\\s*\"([^\"]*)\"");
    private static final StreamContext CONTEXT = new StreamContext("chatcmpl-replay", 1760000000L, "gemini", true, true);

    static Stream<Path> recordings() throws IOException {
        assumeTrue(Files.isDirectory(RECORDINGS), "no recordings at " + RECORDINGS);
        try (Stream<Path> files = Files.list(RECORDINGS)) {
            return files.filter(f -> !f.getFileName().toString().endsWith(".md")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordings")
    void replays(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String name = file.getFileName().toString();
        if (name.endsWith(".json")) {
            JsonNode root = Json.MAPPER.readTree(bytes);
            if (root.has("error")) {
                error(name, root, bytes);
            } else {
                response(bytes, root);
            }
        } else {
            stream(name, bytes);
        }
    }

    private static void error(String name, JsonNode root, byte[] bytes) {
        GatewayError error = GeminiErrors.decode(root.path("error").path("code").asInt(), bytes);
        String client = new String(OpenAiErrors.encode(error), StandardCharsets.UTF_8);
        assertThat(client).doesNotContain("key1234");
        switch (root.path("error").path("code").asInt()) {
            case 400, 403 -> assertThat(error.kind()).isEqualTo(GatewayError.Kind.UPSTREAM_AUTH);
            case 404 -> assertThat(error.kind()).isEqualTo(GatewayError.Kind.NOT_FOUND);
            case 429 -> {
                assertThat(error.kind()).isEqualTo(GatewayError.Kind.RATE_LIMITED);
                assertThat(error.retryAfter()).contains(Duration.ofMillis(34_400));
            }
            default -> throw new AssertionError("unexpected recording " + name);
        }
    }

    private static void response(byte[] bytes, JsonNode root) {
        ChatResponse response = GeminiResponseDecoder.decode(bytes, ToolCallIds.sequential("call_"));
        JsonNode client = OpenAiResponseEncoder.toJson(response, CONTEXT);
        List<String> ids = new ArrayList<>();
        for (JsonNode choice : client.path("choices")) {
            assertThat(choice.path("finish_reason").asText()).isIn(FINISH_REASONS);
            choice.path("message").path("tool_calls").forEach(c -> ids.add(c.path("id").asText()));
            boolean calls = !choice.path("message").path("tool_calls").isEmpty();
            if (calls) {
                assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
            }
        }
        assertThat(ids).doesNotHaveDuplicates();
        assertUsage(client.path("usage"), root.path("usageMetadata"));
        assertSignaturesReach(bytes, client.toString());
    }

    private static void stream(String name, byte[] bytes) {
        List<SseEvent> upstream = new ArrayList<>();
        if (name.endsWith(".chunks.txt")) {
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    upstream.add(SseEvent.data(line));
                }
            }
        } else {
            SseParser parser = new SseParser();
            upstream.addAll(parser.feed(bytes));
            parser.finish().ifPresent(upstream::add);
        }
        GeminiStreamDecoder decoder = new GeminiStreamDecoder(ToolCallIds.sequential("call_"));
        OpenAiStreamEncoder encoder = new OpenAiStreamEncoder(CONTEXT);
        ByteArrayOutputStream client = new ByteArrayOutputStream();
        JsonNode lastUsage = Json.MAPPER.createObjectNode();
        for (SseEvent event : upstream) {
            JsonNode json = parse(event.dataString());
            if (json.has("usageMetadata")) {
                lastUsage = json.get("usageMetadata");
            }
            for (StreamEvent e : decoder.onEvent(event)) {
                assertThat(e).isNotInstanceOf(StreamEvent.Failed.class);
                encoder.onEvent(e).forEach(client::writeBytes);
            }
        }
        for (StreamEvent e : decoder.onEnd()) {
            assertThat(e).isNotInstanceOf(StreamEvent.Failed.class);
            encoder.onEvent(e).forEach(client::writeBytes);
        }
        encoder.onEnd().forEach(client::writeBytes);
        String sse = client.toString(StandardCharsets.UTF_8);
        assertThat(sse).endsWith("data: [DONE]\n\n");
        assertThat(sse.split("data: \\[DONE]", -1)).hasSize(2);

        Map<Integer, Integer> finishes = new HashMap<>();
        Set<String> ids = new HashSet<>();
        JsonNode usage = null;
        for (String frame : sse.split("\n\n")) {
            if (frame.equals("data: [DONE]")) {
                continue;
            }
            assertThat(frame).startsWith("data: ");
            JsonNode chunk = parse(frame.substring("data: ".length()));
            assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.path("id").asText()).isEqualTo("chatcmpl-replay");
            for (JsonNode choice : chunk.path("choices")) {
                if (!choice.path("finish_reason").isNull()) {
                    assertThat(choice.path("finish_reason").asText()).isIn(FINISH_REASONS);
                    finishes.merge(choice.path("index").asInt(), 1, Integer::sum);
                }
                for (JsonNode call : choice.path("delta").path("tool_calls")) {
                    assertThat(ids.add(call.path("id").asText())).as("unique tool call id").isTrue();
                }
            }
            if (chunk.path("usage").isObject()) {
                usage = chunk.get("usage");
            }
        }
        assertThat(finishes).isNotEmpty().allSatisfy((choice, count) -> assertThat(count).isEqualTo(1));
        if (name.contains("prompt-blocked")) {
            assertThat(sse).contains("\"finish_reason\":\"content_filter\"");
        }
        if (sse.contains("\"tool_calls\":[")) {
            assertThat(sse).contains("\"finish_reason\":\"tool_calls\"");
        }
        assertThat(usage).isNotNull();
        assertUsage(usage, lastUsage);
        assertSignaturesReach(bytes, sse);
    }

    private static void assertUsage(JsonNode usage, JsonNode metadata) {
        int prompt = metadata.path("promptTokenCount").asInt() + metadata.path("toolUsePromptTokenCount").asInt();
        int completion = metadata.path("candidatesTokenCount").asInt() + metadata.path("thoughtsTokenCount").asInt();
        assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(prompt);
        assertThat(usage.path("completion_tokens").asInt()).isEqualTo(completion);
        assertThat(usage.path("total_tokens").asInt()).isEqualTo(prompt + completion);
        if (metadata.has("totalTokenCount")) {
            assertThat(usage.path("total_tokens").asInt()).isEqualTo(metadata.path("totalTokenCount").asInt());
        }
        assertThat(usage.path("completion_tokens_details").path("reasoning_tokens").asInt())
                .isEqualTo(metadata.path("thoughtsTokenCount").asInt());
        assertThat(usage.path("prompt_tokens_details").path("cached_tokens").asInt())
                .isEqualTo(metadata.path("cachedContentTokenCount").asInt());
    }

    private static void assertSignaturesReach(byte[] recording, String client) {
        Matcher m = SIGNATURE.matcher(new String(recording, StandardCharsets.UTF_8));
        while (m.find()) {
            assertThat(client).contains("\"thought_signature\":\"" + m.group(1) + "\"");
        }
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
