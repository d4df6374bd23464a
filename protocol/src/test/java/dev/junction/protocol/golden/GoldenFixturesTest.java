package dev.junction.protocol.golden;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.gemini.GeminiRequestEncoder;
import dev.junction.protocol.gemini.ThinkingCapabilities;
import dev.junction.protocol.model.ChatRequest;
import dev.junction.protocol.openai.OpenAiRequestDecoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Walks {@code src/test/resources/fixtures} (DESIGN.md §5) and runs each case folder through
 * the codecs of its kind:
 * <ul>
 * <li>{@code request/openai-chat/<case>/in.json} → decoder → Gemini encoder → {@code upstream.gemini.json},
 *     with the model's capability from the built-in thinking table;</li>
 * <li>{@code response/gemini/<case>/upstream.json} → decoder → OpenAI encoder → {@code client.openai.json};</li>
 * <li>{@code stream/gemini/<case>/upstream.sse} → SSE parser → stream decoder → {@code events.jsonl}
 *     → OpenAI stream encoder → {@code client.openai.sse}.</li>
 * </ul>
 * An optional {@code context.json} sets what the caller would pass (model, flags).
 */
class GoldenFixturesTest {
    static final Path ROOT = Path.of("src/test/resources/fixtures");

    static Stream<Arguments> cases() throws IOException {
        return Stream.of("request/openai-chat", "response/gemini", "stream/gemini")
                .flatMap(kind -> list(ROOT.resolve(kind)).map(dir -> Arguments.of(kind + "/" + dir.getFileName(), dir)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fixture(String name, Path dir) {
        if (name.startsWith("request/")) {
            request(dir);
        } else if (name.startsWith("response/")) {
            ResponseFixtures.run(dir);
        } else {
            StreamFixtures.run(dir);
        }
    }

    private static void request(Path dir) {
        ChatRequest request = OpenAiRequestDecoder.decode(Golden.read(dir.resolve("in.json")));
        JsonNode actual = GeminiRequestEncoder.toJson(request, ThinkingCapabilities.defaults().resolve(request.model()));
        Golden.checkJson(dir.resolve("upstream.gemini.json"), actual);
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
