package dev.junction.bench.codec;

import dev.junction.protocol.gemini.GeminiResponseDecoder;
import dev.junction.protocol.model.StreamContext;
import dev.junction.protocol.model.ToolCallIds;
import dev.junction.protocol.openai.OpenAiResponseEncoder;
import java.util.SplittableRandom;
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
 * Gemini {@code GenerateContentResponse} → OpenAI {@code chat.completion}, as a non-stream
 * {@code /v1/chat/completions} answer is translated. {@code functionCall}: a recorded
 * gemini-2.5-pro answer with a thought and a signed function call (4.5 KB); {@code text}: a
 * recorded text answer with citations and safety ratings (1.8 KB).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ResponseTranslationBench {
    @Param({"functionCall", "text"})
    String response;

    private byte[] json;
    private final StreamContext context = new StreamContext("chatcmpl-req_bench_1", 1_760_000_000L,
            "gemini-2.5-flash", false, true);
    private final ToolCallIds ids = ToolCallIds.openAiStyle(new SplittableRandom(1));

    @Setup
    public void setUp() {
        json = Payloads.bytes(response.equals("text") ? "gemini-response-text.json"
                : "gemini-response-function-call.json");
        translate();
    }

    @Benchmark
    public byte[] translate() {
        return OpenAiResponseEncoder.encode(GeminiResponseDecoder.decode(json, ids), context);
    }
}
