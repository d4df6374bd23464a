package dev.junction.gateway.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.junction.protocol.model.GatewayException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MediaFetcherTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};
    private HttpServer server;
    private String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/cat.png", ex -> {
            ex.getResponseHeaders().add("Content-Type", "image/png");
            ex.sendResponseHeaders(200, PNG.length);
            ex.getResponseBody().write(PNG);
            ex.close();
        });
        server.createContext("/untyped.mp3", ex -> {
            ex.sendResponseHeaders(200, 3);
            ex.getResponseBody().write(new byte[] {1, 2, 3});
            ex.close();
        });
        server.createContext("/big", ex -> {
            ex.getResponseHeaders().add("Content-Type", "image/png");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 100; i++) {
                    out.write(new byte[1024]);
                }
            } catch (IOException ignored) {
                // the fetcher stops reading at its limit
            }
        });
        server.createContext("/redirect", ex -> {
            ex.getResponseHeaders().add("Location", "/cat.png");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.createContext("/missing", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.createContext("/slow", ex -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static MediaFetcher fetcher(boolean allowPrivate) {
        return new MediaFetcher(new MediaSettings(10 * 1024, Duration.ofSeconds(1), allowPrivate));
    }

    @Test
    void loopbackUrlsAreRefusedByDefault() {
        try (MediaFetcher fetcher = fetcher(false)) {
            assertThatThrownBy(() -> fetcher.fetch(URI.create(base + "/cat.png"), Optional.empty(), "messages[0].content[1]"))
                    .isInstanceOfSatisfying(GatewayException.class, e -> {
                        assertThat(e.error().status()).isEqualTo(400);
                        assertThat(e.error().param()).contains("messages[0].content[1]");
                        assertThat(e.error().message()).contains("private, loopback or link-local");
                    });
        }
    }

    @Test
    void fetchesWhenTheOperatorAllowsPrivateAddresses() {
        try (MediaFetcher fetcher = fetcher(true)) {
            MediaFetcher.Fetched png = fetcher.fetch(URI.create(base + "/cat.png"), Optional.empty(), "p");
            assertThat(png.mimeType()).isEqualTo("image/png");
            assertThat(Base64.getDecoder().decode(png.base64())).isEqualTo(PNG);
            assertThat(fetcher.fetch(URI.create(base + "/untyped.mp3"), Optional.empty(), "p").mimeType())
                    .isEqualTo("audio/mp3");
            assertThat(fetcher.fetch(URI.create(base + "/redirect"), Optional.empty(), "p").bytes()).isEqualTo(PNG.length);
        }
    }

    @Test
    void sizeStatusAndTimeAreBounded() {
        try (MediaFetcher fetcher = fetcher(true)) {
            assertThatThrownBy(() -> fetcher.fetch(URI.create(base + "/big"), Optional.empty(), "p"))
                    .hasMessageContaining("larger than 10240 bytes");
            assertThatThrownBy(() -> fetcher.fetch(URI.create(base + "/missing"), Optional.empty(), "p"))
                    .hasMessageContaining("HTTP 404");
            long start = System.nanoTime();
            assertThatThrownBy(() -> fetcher.fetch(URI.create(base + "/slow"), Optional.empty(), "p"))
                    .isInstanceOf(GatewayException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2900));
            assertThatThrownBy(() -> fetcher.fetch(URI.create("ftp://example.com/x.png"), Optional.empty(), "p"))
                    .hasMessageContaining("only http and https");
        }
    }
}
