package dev.junction.gateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code junction serve} as a process of its own (the test's class path, a clean environment),
 * for tests that stop it as an operator or a crash would: SIGTERM ({@link #terminate}) or
 * SIGKILL ({@link #kill}). Its log is kept for {@link #awaitLine}.
 */
public final class GatewayProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final int port;

    private GatewayProcess(Path config) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "dev.junction.gateway.cli.Main", "serve", "-c", config.toString()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("JUNCTION_") || k.startsWith("GEMINI_"));
        process = builder.start();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                r.lines().forEach(log::add);
            } catch (IOException e) {
                // the process ended
            }
        });
        Matcher m = LISTENING.matcher(awaitLine("listening on", Duration.ofSeconds(60)));
        assertThat(m.find()).isTrue();
        port = Integer.parseInt(m.group(1));
    }

    /** Starts the gateway with {@code config} and waits until it listens. */
    public static GatewayProcess start(Path config) throws IOException, InterruptedException {
        return new GatewayProcess(config);
    }

    public int port() {
        return port;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public long pid() {
        return process.pid();
    }

    public List<String> log() {
        return List.copyOf(log);
    }

    /** A token made through the admin API ({@code adminToken}); returns its secret. */
    public String issue(HttpClient http, String adminToken, String name) throws IOException, InterruptedException {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(uri("/admin/v1/tokens"))
                .header("Authorization", "Bearer " + adminToken)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
        Matcher m = Pattern.compile("\"(?:secret|token)\"\\s*:\\s*\"(jn-[^\"]+)\"").matcher(created.body());
        assertThat(m.find()).as(created.body()).isTrue();
        return m.group(1);
    }

    /** The first log line containing {@code text}, waiting up to {@code timeout} for it. */
    public String awaitLine(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : log) {
                if (line.contains(text)) {
                    return line;
                }
            }
            if (!process.isAlive() && !log.stream().anyMatch(l -> l.contains(text))) {
                Thread.sleep(200); // let the reader take the last lines
                return log.stream().filter(l -> l.contains(text)).findFirst().orElseThrow(() -> new AssertionError(
                        "the gateway exited (" + process.exitValue() + ") without a log line with '" + text + "':\n"
                                + String.join("\n", log)));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no log line with '" + text + "' in:\n" + String.join("\n", log));
    }

    /** SIGTERM, as an operator or an orchestrator stops it; waits for the exit and returns its code. */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)).as("stopped within " + timeout)
                .isTrue();
        return process.exitValue();
    }

    /** Sends SIGKILL and returns at once: the process ends with nothing run on its way out. */
    public void sendKill() {
        process.destroyForcibly();
    }

    /** SIGKILL, waiting for the process to be gone. */
    public void kill() throws InterruptedException {
        sendKill();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
