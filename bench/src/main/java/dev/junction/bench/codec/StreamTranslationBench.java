package dev.junction.bench.codec;

import dev.junction.protocol.gemini.GeminiEventInspector;
import dev.junction.protocol.gemini.GeminiStreamDecoder;
import dev.junction.protocol.model.StreamContext;
import dev.junction.protocol.model.StreamEvent;
import dev.junction.protocol.model.ToolCallIds;
import dev.junction.protocol.openai.OpenAiStreamEncoder;
import dev.junction.protocol.sse.SseEvent;
import dev.junction.protocol.sse.SseWriter;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The per-event work of a stream, on the recorded gemini-2.5-flash stream (5 events with
 * thoughts and cumulative usage), reported per event:
 *
 * <ul>
 * <li>{@code translated}: what {@code /v1/chat/completions} with {@code stream: true} does per
 *     Gemini event: {@link GeminiStreamDecoder} to canonical events, {@link OpenAiStreamEncoder}
 *     to {@code chat.completion.chunk} frames (the end of the stream included, spread over the events);</li>
 * <li>{@code nativeInspection}: what the Gemini-native stream does per event: {@link GeminiEventInspector}
 *     (well-formed? error? usage?) and the re-framing of the unchanged bytes.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StreamTranslationBench {
    private List<SseEvent> events;
    private final StreamContext context = new StreamContext("chatcmpl-req_bench_1", 1_760_000_000L,
            "gemini-2.5-flash", true, true);
    private final ToolCallIds ids = ToolCallIds.openAiStyle(new SplittableRandom(1));

    @Setup
    public void setUp() {
        events = Payloads.geminiStreamEvents();
    }

    @Benchmark
    @OperationsPerInvocation(Payloads.STREAM_EVENTS)
    public void translated(Blackhole bh) {
        GeminiStreamDecoder decoder = new GeminiStreamDecoder(ids);
        OpenAiStreamEncoder encoder = new OpenAiStreamEncoder(context);
        for (int i = 0; i < events.size(); i++) {
            for (StreamEvent event : decoder.onEvent(events.get(i))) {
                bh.consume(encoder.onEvent(event));
            }
        }
        for (StreamEvent event : decoder.onEnd()) {
            bh.consume(encoder.onEvent(event));
        }
        bh.consume(encoder.onEnd());
    }

    @Benchmark
    @OperationsPerInvocation(Payloads.STREAM_EVENTS)
    public void nativeInspection(Blackhole bh) {
        for (int i = 0; i < events.size(); i++) {
            SseEvent event = events.get(i);
            bh.consume(GeminiEventInspector.inspect(event.data()));
            bh.consume(SseWriter.frame(event.data(), SseWriter.Framing.CRLF));
        }
    }
}
