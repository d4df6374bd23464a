package dev.junction.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A long mixed load against Junction for the soak benchmark: each of {@code --concurrency} virtual
 * threads sends requests back to back for {@code --seconds}: OpenAI chat (whole and streamed),
 * Gemini native (whole and streamed), Anthropic Messages, embeddings, streams the client drops
 * after the first bytes, and a share ({@code --hostile}, 0.05 by default) of hostile requests
 * (huge numbers, deep nesting, invalid UTF-8, cut JSON, wrong types, huge model names, bad
 * tokens). Every {@code --report-seconds} it prints a line of counts; at the end one
 * {@code RESULT} line. Any answer of 500 or more is a failure, hostile or not.
 *
 * <pre>
 * SoakLoad --url http://127.0.0.1:8080 --token jn-... [--seconds 600] [--concurrency 16] [--hostile 0.05]
 * </pre>
 */
public final class SoakLoad {
    private final String base;
    private final String token;
    private final double hostile;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, LongAdder> byKind = new ConcurrentHashMap<>();
    private final LongAdder requests = new LongAdder();
    private final LongAdder serverErrors = new LongAdder();
    private final LongAdder transportErrors = new LongAdder();
    private final LongAdder hostileSent = new LongAdder();
    private final LongAdder hostileRefused = new LongAdder();
    private final AtomicLong lastError = new AtomicLong();
    private volatile String lastErrorText = "";

    private SoakLoad(String base, String token, double hostile) {
        this.base = base;
        this.token = token;
        this.hostile = hostile;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        SoakLoad load = new SoakLoad(opts.getOrDefault("url", "http://127.0.0.1:8080"), opts.get("token"),
                Double.parseDouble(opts.getOrDefault("hostile", "0.05")));
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "600"));
        int concurrency = Integer.parseInt(opts.getOrDefault("concurrency", "16"));
        int report = Integer.parseInt(opts.getOrDefault("report-seconds", "30"));
        load.run(seconds, concurrency, report);
    }

    private void run(int seconds, int concurrency, int reportSeconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long started = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < concurrency; i++) {
                threads.submit(() -> {
                    while (System.nanoTime() < end) {
                        one();
                    }
                });
            }
            long next = started;
            while (System.nanoTime() < end) {
                next += TimeUnit.SECONDS.toNanos(reportSeconds);
                Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(next - System.nanoTime())));
                System.out.printf("t=%ds requests=%d 5xx=%d transport_errors=%d hostile=%d refused=%d%s%n",
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), requests.sum(),
                        serverErrors.sum(), transportErrors.sum(), hostileSent.sum(), hostileRefused.sum(),
                        lastErrorText.isEmpty() ? "" : " last_error=" + lastErrorText);
            }
        }
        StringBuilder kinds = new StringBuilder();
        byKind.forEach((k, v) -> kinds.append(' ').append(k).append('=').append(v.sum()));
        System.out.printf("RESULT seconds=%d requests=%d rps=%.0f 5xx=%d transport_errors=%d hostile=%d "
                + "hostile_refused=%d%s%n", seconds, requests.sum(), requests.sum() / (double) seconds,
                serverErrors.sum(), transportErrors.sum(), hostileSent.sum(), hostileRefused.sum(), kinds);
    }

    private void one() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (random.nextDouble() < hostile) {
            hostile(random);
            return;
        }
        int pick = random.nextInt(100);
        String chat = "{\"model\":\"gemini-2.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"soak "
                + random.nextInt(1000) + "\"}]";
        String gemini = "{\"contents\":[{\"parts\":[{\"text\":\"soak " + random.nextInt(1000) + "\"}]}]}";
        if (pick < 30) {
            send("openai", "/v1/chat/completions", chat + "}", false);
        } else if (pick < 45) {
            send("openai-stream", "/v1/chat/completions", chat + ",\"stream\":true}", false);
        } else if (pick < 60) {
            send("gemini", "/v1beta/models/gemini-2.5-flash:generateContent", gemini, false);
        } else if (pick < 70) {
            send("gemini-stream", "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", gemini, false);
        } else if (pick < 80) {
            send("anthropic", "/v1/messages", "{\"model\":\"gemini-2.5-flash\",\"max_tokens\":256,\"stream\":"
                    + random.nextBoolean() + ",\"messages\":[{\"role\":\"user\",\"content\":\"soak\"}]}", false);
        } else if (pick < 90) {
            send("embeddings", "/v1/embeddings", "{\"model\":\"gemini-embedding-001\",\"input\":[\"a\",\"b\"],"
                    + "\"dimensions\":256}", false);
        } else {
            send("dropped-stream", "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
                    "{\"contents\":[{\"parts\":[{\"text\":\"long mock:events=50 mock:interval-ms=20\"}]}]}", true);
        }
    }

    private static final List<String> HOSTILE = List.of(
            "{\"model\":\"gemini-2.5-flash\",\"temperature\":1e999999999,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
            "{\"model\":\"gemini-2.5-flash\",\"max_tokens\":" + "9".repeat(5000) + ",\"messages\":[]}",
            "[".repeat(5000) + "]".repeat(5000),
            "{\"model\":\"gemini-2.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":",
            "{\"model\":7,\"messages\":{\"role\":null}}",
            "{\"model\":\"" + "m".repeat(20_000) + "\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
            "{\"model\":\"../../etc/passwd\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
            "{\"model\":\"gemini-2.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
                    + "\"image_url\":{\"url\":\"http://169.254.169.254/latest/meta-data\"}}]}]}");

    private void hostile(ThreadLocalRandom random) {
        hostileSent.increment();
        int pick = random.nextInt(HOSTILE.size() + 2);
        byte[] body;
        String auth = "Bearer " + token;
        if (pick == HOSTILE.size()) {
            body = new byte[] {'{', '"', 'm', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'};
        } else if (pick == HOSTILE.size() + 1) {
            body = HOSTILE.get(0).getBytes(StandardCharsets.UTF_8);
            auth = "Bearer jn-not-a-token-" + random.nextInt();
        } else {
            body = HOSTILE.get(pick).getBytes(StandardCharsets.UTF_8);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", auth)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            count("hostile", response.statusCode());
            if (response.statusCode() >= 400 && response.statusCode() < 500) {
                hostileRefused.increment();
            }
        } catch (IOException e) {
            failed(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(String kind, String path, String body, boolean dropAfterFirstBytes) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("x-api-key", token)
                .header("anthropic-version", "2023-06-01").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (dropAfterFirstBytes) {
                    in.readNBytes(64);
                } else {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
            }
            count(kind, response.statusCode());
        } catch (IOException e) {
            failed(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void count(String kind, int status) {
        requests.increment();
        byKind.computeIfAbsent(kind + "_" + status, k -> new LongAdder()).increment();
        if (status >= 500) {
            serverErrors.increment();
            lastErrorText = kind + " " + status;
        }
    }

    private void failed(IOException e) {
        requests.increment();
        transportErrors.increment();
        lastError.set(System.nanoTime());
        lastErrorText = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
