package dev.junction.gateway.providers.vertex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.junction.gateway.providers.Credential;
import dev.junction.gateway.testing.FakeVertex;
import dev.junction.gateway.testing.MutableClock;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Access tokens minted from a service account key against a local token endpoint, on an injected clock. */
class ServiceAccountTokensTest {
    @TempDir
    Path dir;

    FakeVertex vertex;
    MutableClock clock;
    ServiceAccountTokens tokens;

    @BeforeEach
    void start() throws Exception {
        vertex = new FakeVertex();
        clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
        try (InputStream in = Files.newInputStream(vertex.writeKeyFile(dir, "test-project"))) {
            tokens = new ServiceAccountTokens("vertex", ServiceAccountCredentials.fromStream(in)
                    .createScoped(VertexProvider.SCOPES), clock);
        }
    }

    @AfterEach
    void stop() {
        tokens.close();
        vertex.close();
    }

    private Credential next() throws Exception {
        return tokens.next().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aTokenIsCachedUntilItsLastMinutesThenRemintedInTheBackgroundWhileStillInUse() throws Exception {
        Credential first = next();
        assertThat(first.secret()).startsWith("Bearer ya29.fake-1-");
        assertThat(first.hint()).doesNotContain(first.secret().substring(7));
        clock.advance(Duration.ofMinutes(50));
        assertThat(next()).isEqualTo(first);
        assertThat(vertex.mints()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(6)); // 4 minutes left: still used, a new one is minted meanwhile
        assertThat(next()).isEqualTo(first);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (vertex.mints() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(vertex.mints()).isEqualTo(2);
        Thread.sleep(50);
        Credential second = next();
        assertThat(second).isNotEqualTo(first);
        assertThat(second.secret()).startsWith("Bearer ya29.fake-2-");
    }

    @Test
    void anExpiredTokenIsNeverUsedTheRequestWaitsForANewOne() throws Exception {
        Credential first = next();
        clock.advance(Duration.ofMinutes(61));
        Credential second = next();
        assertThat(second).isNotEqualTo(first);
        assertThat(vertex.mints()).isEqualTo(2);
    }

    @Test
    void aRejectedTokenIsDroppedSoTheNextRequestMintsAFreshOne() throws Exception {
        Credential first = next();
        tokens.rest(first, Duration.ofMinutes(10));
        assertThat(next()).isNotEqualTo(first);
        assertThat(vertex.mints()).isEqualTo(2);
    }

    @Test
    void aFailingTokenEndpointFailsTheCredentialWithAMessageNamingTheUpstream() {
        vertex.tokenStatus(400);
        assertThatThrownBy(this::next).isInstanceOf(ExecutionException.class)
                .cause().hasMessageContaining("cannot get an access token for upstream vertex");
    }

    @Test
    void concurrentRequestsShareOneMinting() throws Exception {
        var futures = java.util.stream.IntStream.range(0, 20).mapToObj(i -> tokens.next()).toList();
        for (var f : futures) {
            f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        assertThat(vertex.mints()).isEqualTo(1);
    }

    @Test
    void theScrubberRemovesTheTokenFromText() throws Exception {
        Credential token = next();
        String secret = token.secret().substring(7);
        assertThat(tokens.scrub("upstream said: bad token " + secret)).doesNotContain(secret).contains("[redacted]");
    }
}
