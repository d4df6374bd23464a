package dev.junction.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.testing.ScriptedUpstream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code junction serve} as its own process, reloaded with {@code junction reload} (SIGHUP
 * through the pid file): the new upstreams serve, and a broken file is refused with the old
 * upstreams kept and the reason in the log.
 */
class ReloadCommandTest {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    private String config(ScriptedUpstream upstream) {
        return """
                server:
                  port: 0
                data_dir: "%s"
                admin_token: admin-token-0123456789
                upstreams:
                  - name: only
                    base_url: %s
                    api_keys: [key-1]
                    models: ["gemini-*"]
                """.formatted(dir.resolve("data"), upstream.baseUrl());
    }

    @Test
    void reloadSwitchesTheRunningGatewayToTheNewUpstreamsAndRefusesABrokenFile() throws Exception {
        Path file = dir.resolve("junction.yaml");
        try (ScriptedUpstream a = new ScriptedUpstream(ScriptedUpstream.ok("from A"));
                ScriptedUpstream b = new ScriptedUpstream(ScriptedUpstream.ok("from B"))) {
            Files.writeString(file, config(a));
            Process serve = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "dev.junction.gateway.cli.Main", "serve",
                    "-c", file.toString()).redirectErrorStream(true).start();
            BlockingQueue<String> log = new LinkedBlockingQueue<>();
            Thread.ofVirtual().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
                    r.lines().forEach(log::add);
                } catch (java.io.IOException e) {
                    // the process ended
                }
            });
            try {
                int port = awaitPort(log);
                HttpClient http = HttpClient.newHttpClient();
                String issued = issue(http, port);
                assertThat(ask(http, port, issued)).contains("from A");

                Files.writeString(file, config(b));
                assertThat(Main.run("reload", "-c", file.toString())).isZero();
                awaitLine(log, "upstreams reloaded");
                assertThat(ask(http, port, issued)).contains("from B");

                Files.writeString(file, config(b).replace("base_url:", "base_url: not-a-url #"));
                assertThat(Main.run("reload", "-c", file.toString())).as("the command checks the file first").isEqualTo(2);
                // SIGHUP sent some other way: the gateway refuses the file itself and keeps its upstreams.
                assertThat(new ProcessBuilder("kill", "-HUP", Long.toString(serve.pid())).start().waitFor()).isZero();
                assertThat(awaitLine(log, "reload refused")).contains("junction.yaml");
                assertThat(ask(http, port, issued)).contains("from B");
            } finally {
                serve.destroy();
                assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(Files.exists(dir.resolve("data").resolve("junction.pid"))).as("removed at stop").isFalse();
        }
    }

    @Test
    void reloadWithoutARunningGatewaySaysSo() throws Exception {
        Path file = dir.resolve("junction.yaml");
        Files.writeString(file, "data_dir: \"" + dir.resolve("data") + "\"\n");
        assertThat(Main.run("reload", "-c", file.toString())).isEqualTo(1);
    }

    /** A token made through the admin API of the running gateway. */
    private static String issue(HttpClient http, int port) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/admin/v1/tokens")).header("Authorization", "Bearer admin-token-0123456789")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"reload-user\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
        Matcher m = Pattern.compile("\"(?:secret|token)\"\\s*:\\s*\"(jn-[^\"]+)\"").matcher(created.body());
        assertThat(m.find()).as(created.body()).isTrue();
        return m.group(1);
    }

    private static String ask(HttpClient http, int port, String token) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/v1/chat/completions")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"gemini-2.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.body();
    }

    private static int awaitPort(BlockingQueue<String> log) throws InterruptedException {
        Matcher m = LISTENING.matcher(awaitLine(log, "listening on"));
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static String awaitLine(BlockingQueue<String> log, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline) {
            String line = log.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.append(line).append('\n');
                if (line.contains(text)) {
                    return line;
                }
            }
        }
        throw new AssertionError("no log line with '" + text + "' in:\n" + seen);
    }
}
