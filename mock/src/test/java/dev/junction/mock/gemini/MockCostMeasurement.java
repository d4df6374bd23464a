package dev.junction.mock.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A measurement, not a test: the mock's own CPU cost per request (parse, plan, serialize), apart
 * from the HTTP server's, as paid by a call the mock has not seen before (a repeated call is
 * answered from {@link ReplyCache}). Run after {@code ./build -pl mock -am test-compile} with
 * the test class path: {@code java -cp ... dev.junction.mock.gemini.MockCostMeasurement}.
 *
 * <p>For the whole server, run it alone on one core and load it with wrk from the other (read the
 * server's CPU time, utime + stime, from {@code /proc/PID/stat} before and after; with a prompt
 * that varies per request, the cache never hits):
 * <pre>
 * taskset -c 1 java -cp ... dev.junction.mock.gemini.MockGeminiServer --port 8090 --record 0
 * cat > post.lua &lt;&lt;'LUA'
 * wrk.method = "POST"
 * wrk.body   = '{"contents":[{"role":"user","parts":[{"text":"What is the capital of France?"}]}]}'
 * wrk.headers["Content-Type"] = "application/json"
 * wrk.headers["x-goog-api-key"] = "bench-key"
 * LUA
 * taskset -c 0 wrk -t1 -c64 -d30s -s post.lua http://127.0.0.1:8090/v1beta/models/gemini-2.5-flash:generateContent
 * </pre>
 */
public final class MockCostMeasurement {
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    private MockCostMeasurement() {}

    public static void main(String[] args) throws Exception {
        MockBehaviour behaviour = new MockBehaviour(ModelCatalogue.DEFAULT, "bench".getBytes(StandardCharsets.UTF_8));
        byte[] body = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"What is the capital of France?\"}]}]}"
                .getBytes(StandardCharsets.UTF_8);
        for (String model : new String[] {"gemini-2.5-flash", "gemini-3-pro-preview"}) {
            for (ApiMethod method : new ApiMethod[] {ApiMethod.GENERATE_CONTENT, ApiMethod.STREAM_GENERATE_CONTENT}) {
                long bytes = 0;
                int rounds = 200_000;
                for (int warm = 0; warm < 2; warm++) {
                    // CPU time of this thread, not wall time: the machine may be shared
                    long start = THREADS.getCurrentThreadCpuTime();
                    for (int i = 0; i < rounds; i++) {
                        JsonNode json = Json.MAPPER.readTree(body);
                        MockReply reply = behaviour.plan(new MockCall("v1beta", model, method, json, Optional.of("k")));
                        bytes += switch (reply) {
                            case MockReply.Json j -> GoogleJson.pretty(j.body()).length;
                            case MockReply.Stream s -> {
                                int n = 0;
                                for (int e = 0; e < s.events().size(); e++) {
                                    n += StreamFraming.SSE.event(s.events().get(e), e).length;
                                }
                                yield n;
                            }
                            default -> 0;
                        };
                    }
                    long perRequest = (THREADS.getCurrentThreadCpuTime() - start) / rounds;
                    if (warm == 1) {
                        System.out.printf("%-22s %-24s %6.2f us CPU/request (%d bytes)%n", model, method,
                                perRequest / 1000.0, bytes / rounds / 2);
                    }
                }
            }
        }
    }
}
