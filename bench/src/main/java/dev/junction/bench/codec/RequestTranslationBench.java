package dev.junction.bench.codec;

import dev.junction.protocol.gemini.GeminiRequestEncoder;
import dev.junction.protocol.gemini.ThinkingCapabilities;
import dev.junction.protocol.gemini.ThinkingCapability;
import dev.junction.protocol.model.ChatRequest;
import dev.junction.protocol.openai.OpenAiRequestDecoder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * OpenAI Chat Completions request → Gemini {@code GenerateContentRequest}: decode (with every
 * validation) and encode, as {@code POST /v1/chat/completions} does for each request.
 * {@code toolsImage}: 21 KB with a 16 KB image data URL, tools and a tool-call round;
 * {@code small}: the 350-byte body of the load test.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RequestTranslationBench {
    @Param({"toolsImage", "small"})
    String body;

    private byte[] json;
    private ThinkingCapability capability;

    @Setup
    public void setUp() {
        json = Payloads.bytes(body.equals("small") ? "openai-request-small.json" : "openai-request-tools-image.json");
        capability = ThinkingCapabilities.defaults().resolve("gemini-2.5-flash");
        translate(); // fails here, not in the measurement, if the payload is not a valid request
    }

    @Benchmark
    public ChatRequest decode() {
        return OpenAiRequestDecoder.decode(json);
    }

    @Benchmark
    public byte[] translate() {
        return GeminiRequestEncoder.encode(OpenAiRequestDecoder.decode(json), capability);
    }
}
