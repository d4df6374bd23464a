package dev.junction.bench.codec;

import dev.junction.protocol.sse.SseEvent;
import dev.junction.protocol.sse.SseParser;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The SSE parser on a recorded Gemini stream (5 events, 3.1 KB, CRLF framing), fed the way the
 * network delivers it: in chunks of {@code chunk} bytes (a whole event per read on loopback is
 * typical, a few hundred bytes per read over TLS). Per event: time and bytes allocated.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SseParserBench {
    @Param({"8192", "512"})
    int chunk;

    private byte[] stream;

    @Setup
    public void setUp() {
        stream = Payloads.geminiStream();
    }

    @Benchmark
    @OperationsPerInvocation(Payloads.STREAM_EVENTS)
    public void parsePerEvent(Blackhole bh) {
        SseParser parser = new SseParser();
        for (int offset = 0; offset < stream.length; offset += chunk) {
            List<SseEvent> events = parser.feed(stream, offset, Math.min(chunk, stream.length - offset));
            for (int i = 0; i < events.size(); i++) {
                bh.consume(events.get(i));
            }
        }
        bh.consume(parser.finish());
    }
}
