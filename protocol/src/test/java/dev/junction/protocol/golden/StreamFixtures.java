package dev.junction.protocol.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.protocol.gemini.GeminiStreamDecoder;
import dev.junction.protocol.model.StreamEvent;
import dev.junction.protocol.model.StreamEventJson;
import dev.junction.protocol.model.ToolCallIds;
import dev.junction.protocol.openai.OpenAiStreamEncoder;
import dev.junction.protocol.sse.SseEvent;
import dev.junction.protocol.sse.SseParser;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code upstream.sse} → SSE parser → Gemini stream decoder → {@code events.jsonl}, then the
 * expected events (read back from the file, so the encoder is tested on exactly what is
 * reviewed) → OpenAI stream encoder → {@code client.openai.sse}.
 */
final class StreamFixtures {
    private StreamFixtures() {}

    static void run(Path dir) {
        byte[] upstream = Golden.read(dir.resolve("upstream.sse"));
        List<StreamEvent> events = decode(upstream, 7);
        assertThat(decode(upstream, upstream.length)).as("decoding must not depend on how bytes are split").isEqualTo(events);
        StringBuilder jsonl = new StringBuilder();
        for (StreamEvent event : events) {
            jsonl.append(StreamEventJson.write(event)).append('\n');
        }
        Golden.check(dir.resolve("events.jsonl"), jsonl.toString());

        List<StreamEvent> expected = new ArrayList<>();
        for (String line : jsonl.toString().split("\n")) {
            if (!line.isBlank()) {
                expected.add(StreamEventJson.read(line));
            }
        }
        assertThat(expected).as("events.jsonl reads back as written").isEqualTo(events);
        OpenAiStreamEncoder encoder = new OpenAiStreamEncoder(FixtureContext.of(dir));
        ByteArrayOutputStream client = new ByteArrayOutputStream();
        for (StreamEvent event : expected) {
            encoder.onEvent(event).forEach(client::writeBytes);
        }
        encoder.onEnd().forEach(client::writeBytes);
        Golden.check(dir.resolve("client.openai.sse"), client.toString(StandardCharsets.UTF_8));
    }

    /** Feeds the upstream bytes in pieces of {@code chunk} bytes, as a socket would. */
    static List<StreamEvent> decode(byte[] upstream, int chunk) {
        SseParser parser = new SseParser();
        GeminiStreamDecoder decoder = new GeminiStreamDecoder(ToolCallIds.sequential("call_"));
        List<StreamEvent> events = new ArrayList<>();
        for (int i = 0; i < upstream.length; i += chunk) {
            for (SseEvent e : parser.feed(upstream, i, Math.min(chunk, upstream.length - i))) {
                events.addAll(decoder.onEvent(e));
            }
        }
        parser.finish().ifPresent(e -> events.addAll(decoder.onEvent(e)));
        events.addAll(decoder.onEnd());
        return events;
    }
}
