package dev.junction.gateway.testing;

import dev.junction.gateway.Gateway;
import dev.junction.gateway.access.IssuedToken;
import dev.junction.gateway.access.NewToken;
import dev.junction.gateway.config.ConfigLoader;
import dev.junction.gateway.config.JunctionConfig;
import dev.junction.gateway.store.StorageSettings;
import dev.junction.gateway.store.StoreException;
import dev.junction.gateway.usage.UsageQuery;
import dev.junction.gateway.usage.UsageRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The real gateway on a random port, configured from YAML as an operator would, in front of a {@link FakeGemini}. */
public final class OpsGateway implements AutoCloseable {
    public static final String ADMIN_TOKEN = "admin-token-for-tests-0123456789";

    public final Gateway gateway;
    public final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private OpsGateway(Gateway gateway) {
        this.gateway = gateway;
    }

    public static OpsGateway start(Path dir, StorageSettings storage, FakeGemini upstream, MutableClock clock,
            String extraYaml) {
        String yaml = """
                server:
                  port: 0
                data_dir: "%s"
                storage:
                  url: "%s"
                admin_token: "%s"
                upstreams:
                  - name: fake
                    type: gemini
                    base_url: "%s"
                    api_keys: ["fake-key"]
                    models: ["gemini-*"]
                """.formatted(dir, storage.jdbcUrl(), ADMIN_TOKEN, upstream.baseUrl()) + extraYaml;
        try {
            Path file = dir.resolve("junction.yaml");
            Files.writeString(file, yaml);
            JunctionConfig config = new ConfigLoader(Map.of(), dev.junction.gateway.providers.ProviderKinds.all()).load(Optional.of(file), dir);
            return new OpsGateway(Gateway.start(config, clock));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + gateway.port() + path;
    }

    public IssuedToken token(NewToken spec) {
        IssuedToken issued = gateway.tokens().create(spec);
        gateway.refreshTokens();
        return issued;
    }

    /** {@code POST /v1beta/models/{model}:generateContent} with a Google-style key header. */
    public HttpResponse<String> generate(String secret, String model, String body) {
        return send(HttpRequest.newBuilder(URI.create(url("/v1beta/models/" + model + ":generateContent")))
                .header("x-goog-api-key", secret).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public HttpResponse<String> generate(String secret, String model) {
        return generate(secret, model, "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Say hello.\"}]}],"
                + "\"generationConfig\":{\"maxOutputTokens\":100}}");
    }

    /** {@code POST /v1/chat/completions} as an OpenAI client sends it. */
    public HttpResponse<String> chat(String secret, String model) {
        return send(HttpRequest.newBuilder(URI.create(url("/v1/chat/completions")))
                .header("Authorization", "Bearer " + secret).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"max_tokens\":100,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]}")).build());
    }

    public HttpResponse<String> admin(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return send(b.build());
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

    /** Every stored usage record, newest first. */
    public List<UsageRecord> records() {
        UsageQuery all = new UsageQuery(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), Optional.empty(),
                Optional.empty());
        List<UsageRecord> out = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            var page = gateway.operators().usage().find(all, cursor, 1000);
            out.addAll(page.records());
            cursor = page.next();
        } while (cursor.isPresent());
        return out;
    }

    /** Waits (up to {@code timeout}) until at least {@code count} records are stored. */
    public List<UsageRecord> awaitRecords(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<UsageRecord> records = List.of();
        while (System.nanoTime() < deadline) {
            try {
                records = records();
                if (records.size() >= count) {
                    break;
                }
            } catch (StoreException e) {
                // the database is coming back: its pool is replacing broken connections
            }
            sleep(50);
        }
        return records;
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        gateway.close();
    }
}
