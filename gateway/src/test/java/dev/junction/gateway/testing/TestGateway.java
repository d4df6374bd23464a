package dev.junction.gateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.gateway.Gateway;
import dev.junction.gateway.access.IssuedToken;
import dev.junction.gateway.access.NewToken;
import dev.junction.gateway.config.ConfigLoader;
import dev.junction.gateway.config.JunctionConfig;
import dev.junction.mock.gemini.MockGeminiConfig;
import dev.junction.mock.gemini.MockGeminiServer;
import dev.junction.mock.gemini.ReceivedRequest;
import dev.junction.gateway.usage.UsageRecord;
import dev.junction.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real Junction on a random port, relaying to the built-in mock Gemini upstream on another
 * random port, with its own SQLite database in a temporary folder. Tests drive it over HTTP
 * exactly as clients do.
 */
public final class TestGateway implements AutoCloseable {
    public static final String UPSTREAM_KEY = "upstream-key-AIzaTEST0001";

    private final MockGeminiServer mock;
    private final Gateway gateway;
    private final List<UsageRecord> records = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestGateway(MockGeminiServer mock, Path dir, String yaml, Map<String, String> env) {
        this.mock = mock;
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("junction.yaml");
            Files.writeString(file, yaml);
            JunctionConfig config = new ConfigLoader(env, dev.junction.gateway.providers.ProviderKinds.all()).load(Optional.of(file), dir);
            this.gateway = Gateway.start(config, Clock.systemUTC(), records::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TestGateway start(Path dir) {
        return start(dir, "");
    }

    /** @param extraYaml more configuration, appended at the top level of the file */
    public static TestGateway start(Path dir, String extraYaml) {
        return start(dir, "", extraYaml);
    }

    /**
     * @param serverYaml more settings of the {@code server} section ({@code max_body_bytes: 64KB})
     * @param extraYaml more configuration, appended at the top level of the file
     */
    public static TestGateway start(Path dir, String serverYaml, String extraYaml) {
        return start(dir, mockUrl -> """
                server:
                  port: 0
                %s
                data_dir: %s
                upstreams:
                  - name: gemini
                    base_url: %s
                    api_keys: [%s]
                    models: ["gemini-*"]
                %s
                """.formatted(serverYaml.indent(2).stripTrailing(), dir.resolve("data"), mockUrl, UPSTREAM_KEY, extraYaml));
    }

    /**
     * A gateway with a configuration of the test's own.
     *
     * @param yaml the whole configuration file, given the mock upstream's base URL
     */
    public static TestGateway start(Path dir, java.util.function.Function<String, String> yaml) {
        MockGeminiServer mock = MockGeminiServer.start(MockGeminiConfig.defaults()
                .withAcceptedKeys(Set.of(UPSTREAM_KEY))
                .withMaxStall(Duration.ofSeconds(30)));
        return new TestGateway(mock, dir, yaml.apply(mock.baseUrl()), Map.of());
    }

    public MockGeminiServer mock() {
        return mock;
    }

    public Gateway gateway() {
        return gateway;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + gateway.port();
    }

    public URI uri(String path) {
        return URI.create(baseUrl() + path);
    }

    /** Issues a token and makes it usable at once; returns its secret. */
    public String issue(NewToken spec) {
        IssuedToken issued = gateway.tokens().create(spec);
        gateway.refreshTokens();
        return issued.secret();
    }

    public String issue(String name) {
        return issue(NewToken.named(name));
    }

    /** Usage records of finished requests, oldest first. */
    public List<UsageRecord> records() {
        return List.copyOf(records);
    }

    /** Waits (up to 5 s) for at least {@code count} records matching {@code filter}, and returns them. */
    public List<UsageRecord> awaitRecords(java.util.function.Predicate<UsageRecord> filter, int count) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<UsageRecord> matching = List.of();
        while (System.nanoTime() < deadline) {
            matching = records.stream().filter(filter).toList();
            if (matching.size() >= count) {
                return matching;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("expected " + count + " matching usage records, saw " + matching.size());
    }

    public HttpClient http() {
        return http;
    }

    public HttpResponse<String> post(String path, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    public HttpResponse<String> get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(request::header);
        return send(request.build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * What the mock answers to {@code request} when asked directly, as a unary
     * {@code generateContent} (the mock is deterministic: same request, same answer, same
     * signatures, same token counts). The replay is itself recorded by the mock.
     */
    public JsonNode upstreamAnswer(ReceivedRequest request) {
        String path = request.path().replace(":streamGenerateContent", ":generateContent");
        HttpRequest replay = HttpRequest.newBuilder(URI.create(mock.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("x-goog-api-key", UPSTREAM_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()))
                .build();
        HttpResponse<String> response = send(replay);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the mock answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json");
    }

    @Override
    public void close() {
        gateway.close();
        mock.close();
    }
}
