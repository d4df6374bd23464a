package dev.junction.gateway.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clients that keep asking a gateway (OpenAI chat, every other one streaming, the mock paced so
 * that requests overlap) and keep the request id of every answer they received whole: a 200
 * whose body, or stream up to {@code [DONE]}, arrived complete. Bounded: each client stops at
 * {@link #stop()} or after a minute.
 */
final class AnsweredRequests implements AutoCloseable {
    private final Set<String> answered = ConcurrentHashMap.newKeySet();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean triggered = new AtomicBoolean();
    private volatile int triggerAt = Integer.MAX_VALUE;
    private volatile Runnable trigger = () -> {};
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    AnsweredRequests(URI chat, String token, int clients) {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        for (int i = 0; i < clients; i++) {
            boolean stream = i % 2 == 1;
            String text = stream ? "mock:events=4 mock:interval-ms=10 hello" : "mock:delay-ms=20 hello";
            String body = "{\"model\":\"gemini-2.5-flash\",\"stream\":" + stream
                    + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
            pool.submit(() -> {
                while (running.get() && System.nanoTime() < end) {
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(chat)
                                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        boolean whole = r.statusCode() == 200
                                && (stream ? r.body().contains("data: [DONE]") : r.body().contains("\"choices\""));
                        if (whole) {
                            answered.add(r.headers().firstValue("x-request-id").orElseThrow());
                            if (answered.size() >= triggerAt && triggered.compareAndSet(false, true)) {
                                trigger.run();
                            }
                        } else {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        sleep(50); // the gateway is stopping or gone: back off rather than spin
                    }
                }
            });
        }
    }

    /**
     * Runs {@code action} once, on the client thread that received the {@code n}th answer, the
     * moment it was received (to kill the gateway right after an answer).
     */
    void onAnswer(int n, Runnable action) {
        trigger = action;
        triggerAt = n;
    }

    /** Request ids of the answers received whole so far. */
    Set<String> answered() {
        return Set.copyOf(answered);
    }

    int count() {
        return answered.size();
    }

    /** Waits until {@code n} answers arrived (or 30 s passed). */
    void awaitAnswers(int n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (answered.size() < n && System.nanoTime() < deadline) {
            sleep(5);
        }
        if (answered.size() < n) {
            throw new AssertionError("only " + answered.size() + " answers (of " + n + ") in 30 s; " + failures.get()
                    + " failures");
        }
    }

    void stop() throws InterruptedException {
        running.set(false);
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        http.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
