package dev.junction.protocol.golden;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.gemini.GeminiRequestEncoder;
import dev.junction.protocol.gemini.GeminiResponseDecoder;
import dev.junction.protocol.gemini.ThinkingCapabilities;
import dev.junction.protocol.model.ChatRequest;
import dev.junction.protocol.model.ChatResponse;
import dev.junction.protocol.model.StreamContext;
import dev.junction.protocol.model.StreamEvent;
import dev.junction.protocol.model.StreamEventJson;
import dev.junction.protocol.model.ToolCallIds;
import dev.junction.protocol.openai.responses.ResponsesRequest;
import dev.junction.protocol.openai.responses.ResponsesRequestDecoder;
import dev.junction.protocol.openai.responses.ResponsesResponseEncoder;
import dev.junction.protocol.openai.responses.ResponsesStreamEncoder;
import dev.junction.protocol.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Responses API's golden fixtures, written from OpenAI's documented shapes:
 * <ul>
 * <li>{@code request/openai-responses/<case>/in.json} → Responses decoder → Gemini encoder →
 *     {@code upstream.gemini.json};</li>
 * <li>{@code response/openai-responses/<case>/upstream.json} (with the client's {@code request.json})
 *     → Gemini decoder → Responses encoder → {@code client.responses.json};</li>
 * <li>{@code stream/openai-responses/<case>/events.jsonl} (canonical events, with the client's
 *     {@code request.json}) → Responses stream encoder → {@code client.responses.sse}.</li>
 * </ul>
 * The response id is {@code resp_golden}, the time 1760000000, the model the request's.
 */
class ResponsesFixturesTest {
    static Stream<Arguments> cases() {
        return Stream.of("request/openai-responses", "response/openai-responses", "stream/openai-responses")
                .flatMap(kind -> list(GoldenFixturesTest.ROOT.resolve(kind))
                        .map(dir -> Arguments.of(kind + "/" + dir.getFileName(), dir)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fixture(String name, Path dir) {
        if (name.startsWith("request/")) {
            ChatRequest request = ResponsesRequestDecoder.decode(Golden.read(dir.resolve("in.json"))).chat();
            JsonNode actual = GeminiRequestEncoder.toJson(request, ThinkingCapabilities.defaults().resolve(request.model()));
            Golden.checkJson(dir.resolve("upstream.gemini.json"), actual);
            return;
        }
        ResponsesRequest request = ResponsesRequestDecoder.decode(Golden.read(dir.resolve("request.json")));
        StreamContext context = new StreamContext("resp_golden", 1760000000L, request.chat().model(), true,
                request.chat().reasoning().includeThoughts());
        if (name.startsWith("response/")) {
            ChatResponse response = GeminiResponseDecoder.decode(Golden.read(dir.resolve("upstream.json")),
                    ToolCallIds.sequential("call_"));
            Golden.checkJson(dir.resolve("client.responses.json"),
                    parse(ResponsesResponseEncoder.encode(response, context, request)));
            return;
        }
        ResponsesStreamEncoder encoder = new ResponsesStreamEncoder(context, request);
        ByteArrayOutputStream client = new ByteArrayOutputStream();
        encoder.onStart().forEach(client::writeBytes);
        for (String line : new String(Golden.read(dir.resolve("events.jsonl")), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                StreamEvent event = StreamEventJson.read(line);
                encoder.onEvent(event).forEach(client::writeBytes);
            }
        }
        encoder.onEnd().forEach(client::writeBytes);
        Golden.check(dir.resolve("client.responses.sse"), client.toString(StandardCharsets.UTF_8));
    }

    private static JsonNode parse(byte[] json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
