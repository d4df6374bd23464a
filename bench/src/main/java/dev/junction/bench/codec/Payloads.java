package dev.junction.bench.codec;

import dev.junction.protocol.sse.SseEvent;
import dev.junction.protocol.sse.SseParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The inputs of the codec benchmarks, from {@code src/main/resources/payloads/}:
 *
 * <ul>
 * <li>{@code gemini-stream-thinking.sse}: a recorded {@code streamGenerateContent?alt=sse} answer of
 *     gemini-2.5-flash with thought summaries, byte for byte as Google framed it (CRLF), from the
 *     Firebase SDK test data (Apache-2.0);</li>
 * <li>{@code gemini-response-function-call.json}, {@code gemini-response-text.json}: recorded
 *     non-stream answers (a thought and a signed function call; text with citations and safety ratings);</li>
 * <li>{@code openai-request-tools-image.json}: a Chat Completions request as an agent sends it: system
 *     prompt, an image as a 16 KB data URL, an earlier parallel tool call with its results, three tools
 *     (one with a nested {@code $ref} schema), sampling and reasoning settings;</li>
 * <li>{@code openai-request-small.json}: the body the load test sends (two short messages).</li>
 * </ul>
 */
final class Payloads {
    static final int STREAM_EVENTS = 5;

    private Payloads() {}

    static byte[] bytes(String name) {
        try (InputStream in = Payloads.class.getResourceAsStream("/payloads/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing payload " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] geminiStream() {
        return bytes("gemini-stream-thinking.sse");
    }

    /** The recorded stream's events, parsed once. */
    static List<SseEvent> geminiStreamEvents() {
        SseParser parser = new SseParser();
        List<SseEvent> events = new java.util.ArrayList<>(parser.feed(geminiStream()));
        parser.finish().ifPresent(events::add);
        if (events.size() != STREAM_EVENTS) {
            throw new IllegalStateException("expected " + STREAM_EVENTS + " events, got " + events.size());
        }
        return events;
    }
}
