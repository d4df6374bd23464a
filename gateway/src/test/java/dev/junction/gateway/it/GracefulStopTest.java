package dev.junction.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.testing.TestGateway;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stop while a stream is being relayed lets it finish, and its usage is recorded. */
class GracefulStopTest {
    @TempDir
    Path dir;

    @Test
    void aStreamUnderWayFinishesAndIsRecorded() throws Exception {
        TestGateway junction = TestGateway.start(dir);
        String token = junction.issue("stopping");
        HttpRequest request = HttpRequest.newBuilder(
                        junction.uri("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse"))
                .header("x-goog-api-key", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"contents\":[{\"parts\":[{\"text\":\"slow mock:events=6 mock:interval-ms=250\"}]}]}"))
                .build();
        HttpResponse<InputStream> response = junction.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
        InputStream body = response.body();
        assertThat(body.readNBytes(6)).isEqualTo("data: ".getBytes(StandardCharsets.UTF_8));

        long start = System.nanoTime();
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(junction::close);
        String rest = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        stopped.get(30, TimeUnit.SECONDS);

        assertThat(("data: " + rest).split("\r\n\r\n")).hasSizeGreaterThanOrEqualTo(6)
                .allSatisfy(event -> assertThat(event).startsWith("data: {\"candidates\""));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(800));
        assertThat(junction.records()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.clientGone()).isFalse();
            assertThat(r.outputTokens()).isPositive();
            assertThat(r.errorKind()).isEmpty();
        });
    }
}
