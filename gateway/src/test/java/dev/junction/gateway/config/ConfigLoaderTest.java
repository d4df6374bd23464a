package dev.junction.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.gateway.providers.ProviderKinds;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private JunctionConfig load(String yaml, Map<String, String> env) throws IOException {
        Path file = dir.resolve("junction.yaml");
        Files.writeString(file, yaml);
        return new ConfigLoader(env, ProviderKinds.all()).load(Optional.of(file), dir);
    }

    /** The built-in mock is served only when asked for: never because a variable was missing. */
    @Test
    void noFileAndNoKeysServesNothingUnlessTheMockIsAskedFor() {
        JunctionConfig config = new ConfigLoader(Map.of(), ProviderKinds.all()).load(Optional.empty(), dir);
        assertThat(config.upstreams()).isEmpty();
        assertThat(config.usesMock()).isFalse();
        assertThat(new ConfigLoader(Map.of(), ProviderKinds.all()).withMock(true).load(Optional.empty(), dir)
                .usesMock()).isTrue();
        assertThat(new ConfigLoader(Map.of("JUNCTION_MOCK", "true"), ProviderKinds.all()).load(Optional.empty(), dir)
                .usesMock()).isTrue();
        assertThat(config.server().host()).isEqualTo("127.0.0.1");
        assertThat(config.server().port()).isEqualTo(8080);
        assertThat(config.server().maxBodyBytes()).isEqualTo(20L * 1024 * 1024);
        assertThat(config.dataDir()).isEqualTo(dir.resolve("data"));
        assertThat(config.storage().jdbcUrl()).isEqualTo("jdbc:sqlite:" + dir.resolve("data/junction.db"));
        assertThat(config.source()).isEmpty();
    }

    @Test
    void geminiKeysFromTheEnvironmentRotateAndServeGeminiModels() {
        JunctionConfig config = new ConfigLoader(Map.of("GEMINI_API_KEY", " k1, k2 ,,", "GEMINI_BASE_URL",
                "http://127.0.0.1:9999", "JUNCTION_PORT", "9090", "JUNCTION_DATA_DIR", "/tmp/jd"), ProviderKinds.all())
                .load(Optional.empty(), dir);
        assertThat(config.usesMock()).isFalse();
        UpstreamSettings gemini = config.upstreams().get(0);
        assertThat(gemini.type()).isEqualTo("gemini");
        assertThat(gemini.apiKeys()).containsExactly("k1", "k2");
        assertThat(gemini.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:9999"));
        assertThat(gemini.models()).containsExactly("gemini-*");
        assertThat(config.server().port()).isEqualTo(9090);
        assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/jd"));
        assertThat(gemini.toString()).doesNotContain("k1");
    }

    @Test
    void readsAFileWithEnvironmentSubstitution() throws IOException {
        JunctionConfig config = load("""
                server:
                  host: 0.0.0.0
                  port: 8181
                  max_body_bytes: 1MB
                upstreams:
                  - name: google
                    base_url: https://example.test/root
                    api_keys: ["${KEY_A}", "${KEY_B:-fallback}"]
                    models: [gemini-2.5-*, gemini-3-pro-preview]
                    read_timeout: 90s
                """, Map.of("KEY_A", "secret-a"));
        assertThat(config.server().host()).isEqualTo("0.0.0.0");
        assertThat(config.server().maxBodyBytes()).isEqualTo(1024 * 1024);
        UpstreamSettings u = config.upstreams().get(0);
        assertThat(u.name()).isEqualTo("google");
        assertThat(u.apiKeys()).containsExactly("secret-a", "fallback");
        assertThat(u.models()).containsExactly("gemini-2.5-*", "gemini-3-pro-preview");
        assertThat(u.readTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.source()).contains(dir.resolve("junction.yaml"));
    }

    @Test
    void anInvalidValueIsReportedWithKeyFileAndLine() {
        assertThatThrownBy(() -> load("""
                server:
                  host: 127.0.0.1
                  port: 70000
                """, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(dir.resolve("junction.yaml") + ":3: server.port must be between 0 and 65535, got 70000");
    }

    @Test
    void aBadUrlInAListIsReportedAtItsLine() {
        assertThatThrownBy(() -> load("""
                upstreams:
                  - name: one
                    api_keys: [a]
                  - name: two
                    api_keys: [b]
                    base_url: ftp://nowhere
                """, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(dir.resolve("junction.yaml")
                        + ":6: upstreams[1].base_url must be an http:// or https:// URL, got 'ftp://nowhere'");
    }

    @Test
    void anUnknownKeyIsATypoNotSilence() {
        assertThatThrownBy(() -> load("""
                server:
                  prot: 80
                """, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(dir.resolve("junction.yaml") + ":2: server.prot unknown key; known keys here:");
    }

    @Test
    void aMissingEnvironmentVariableIsNamed() {
        assertThatThrownBy(() -> load("""
                upstreams:
                  - api_keys: ["${NOT_SET_ANYWHERE}"]
                """, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(":2: upstreams[0].api_keys[0] refers to the environment variable NOT_SET_ANYWHERE");
    }

    @Test
    void aGeminiUpstreamWithoutKeysIsRefused() {
        assertThatThrownBy(() -> load("""
                upstreams:
                  - name: g
                    type: gemini
                """, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(":2: upstreams[0].api_keys must list at least one API key");
    }

    @Test
    void badEnvironmentValuesNameTheVariable() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of("JUNCTION_PORT", "eighty"), ProviderKinds.all()).load(Optional.empty(), dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("JUNCTION_PORT");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("JUNCTION_DATABASE_URL", "mysql://x"), ProviderKinds.all()).load(Optional.empty(), dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("jdbc:sqlite:");
    }

    @Test
    void notYamlAtAllIsReported() {
        assertThatThrownBy(() -> load("server: [unclosed", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void aNamedFileMustExist() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of(), ProviderKinds.all()).load(Optional.of(dir.resolve("nope.yaml")), dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void geminiApiKeySetWhileTheFileDeclaresUpstreamsIsWarnedAbout() throws IOException {
        java.util.List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(ConfigLoader.class.getName());
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                warnings.add(record.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        logger.addHandler(handler);
        try {
            String yaml = """
                    upstreams:
                      - {name: one, base_url: "http://127.0.0.1:1", api_keys: [file-key]}
                    """;
            load(yaml, Map.of("GEMINI_API_KEY", "env-key"));
            assertThat(warnings).anySatisfy(w -> assertThat(w).contains("GEMINI_API_KEY is set").contains("not used"));
            warnings.clear();
            load("""
                    upstreams:
                      - {name: one, base_url: "http://127.0.0.1:1", api_keys: ["${GEMINI_API_KEY}"]}
                    """, Map.of("GEMINI_API_KEY", "env-key"));
            assertThat(warnings).as("used through a variable: nothing to warn about").isEmpty();
        } finally {
            logger.removeHandler(handler);
        }
    }

    @Test
    void theDataFolderIsTheInstallationsWhereverACommandRuns() throws IOException {
        Path install = Files.createDirectories(dir.resolve("install"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(install.resolve("junction.yaml"), "server: {port: 9999}\n");
        JunctionConfig fromHome = new ConfigLoader(Map.of("JUNCTION_HOME", install.toString()), ProviderKinds.all())
                .load(Optional.empty(), elsewhere);
        assertThat(fromHome.dataDir()).isEqualTo(install.resolve("data").toAbsolutePath());
        assertThat(fromHome.server().port()).as("the installation's file is read").isEqualTo(9999);

        JunctionConfig fromFile = new ConfigLoader(Map.of(), ProviderKinds.all())
                .load(Optional.of(install.resolve("junction.yaml")), elsewhere);
        assertThat(fromFile.dataDir()).as("relative to the file, not to the working folder")
                .isEqualTo(install.resolve("data").toAbsolutePath());
    }

    @Test
    void anAnthropicUpstreamHasAnthropicsDefaultsAndNeedsAKey() throws IOException {
        JunctionConfig config = load("""
                upstreams:
                  - name: claude
                    type: anthropic
                    api_keys: [sk-ant-1]
                relay:
                  stream_keep_alive: 2s
                """, Map.of());
        UpstreamSettings claude = config.upstreams().get(0);
        assertThat(claude.type()).isEqualTo("anthropic");
        assertThat(claude.baseUrl()).isEqualTo(URI.create("https://api.anthropic.com"));
        assertThat(claude.models()).containsExactly("claude-*");
        assertThat(config.relay().streamKeepAlive()).isEqualTo(java.time.Duration.ofSeconds(2));
        assertThat(load("upstreams: [{name: g, api_keys: [k]}]\n", Map.of()).relay().streamKeepAlive())
                .isEqualTo(java.time.Duration.ofSeconds(10));
        assertThatThrownBy(() -> load("""
                upstreams:
                  - name: claude
                    type: anthropic
                """, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("must list at least one API key for an anthropic upstream");
    }

    @Test
    void aStreamKeepAliveBelow100msIsRefused() {
        assertThatThrownBy(() -> load("""
                relay:
                  stream_keep_alive: 10ms
                """, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("relay.stream_keep_alive must be at least 100ms");
    }

    @Test
    void redisFailureSettingsAreReadAndCheckedByName() throws IOException {
        assertThat(load("", Map.of()).limits()).satisfies(l -> {
            assertThat(l.redisTimeout()).isEqualTo(java.time.Duration.ofMillis(100));
            assertThat(l.onRedisFailure()).isEqualTo(LimitSettings.RedisFailurePolicy.ALLOW);
        });
        JunctionConfig config = load("""
                limits:
                  redis_timeout: 250ms
                  on_redis_failure: deny
                """, Map.of());
        assertThat(config.limits().redisTimeout()).isEqualTo(java.time.Duration.ofMillis(250));
        assertThat(config.limits().onRedisFailure()).isEqualTo(LimitSettings.RedisFailurePolicy.DENY);
        assertThatThrownBy(() -> load("""
                limits:
                  on_redis_failure: maybe
                """, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("limits.on_redis_failure must be allow or deny, got 'maybe'");
        assertThatThrownBy(() -> load("""
                limits:
                  redis_timeout: 1ms
                """, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("limits.redis_timeout must be between 10ms and 10s");
    }

    @Test
    void serverTimeoutsAndMemoryHaveDefaultsAndAreRead() throws IOException {
        ServerSettings defaults = load("", Map.of()).server();
        assertThat(defaults.timeouts()).isEqualTo(new ServerSettings.Timeouts(Duration.ofSeconds(60),
                Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)));
        assertThat(defaults.maxRequestBytesInFlight()).isEqualTo(64L * 1024 * 1024);
        assertThat(defaults.shutdownGrace()).isEqualTo(Duration.ofSeconds(20));
        assertThat(defaults.drainDelay()).isZero();
        assertThat(load("", Map.of()).usage().drainTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(load("", Map.of()).media().maxUrls()).isEqualTo(16);
        assertThat(load("", Map.of()).media().maxBytesInFlight()).isEqualTo(64L * 1024 * 1024);

        JunctionConfig config = load("""
                server:
                  idle_timeout: 5s
                  header_timeout: 2s
                  body_timeout: 7s
                  write_stall_timeout: 9s
                  max_request_bytes_in_flight: 32MB
                  drain_delay: 3s
                media:
                  max_urls: 4
                  max_bytes_in_flight: 40MB
                """, Map.of());
        assertThat(config.server().timeouts()).isEqualTo(new ServerSettings.Timeouts(Duration.ofSeconds(5),
                Duration.ofSeconds(2), Duration.ofSeconds(7), Duration.ofSeconds(9)));
        assertThat(config.server().maxRequestBytesInFlight()).isEqualTo(32L * 1024 * 1024);
        assertThat(config.server().drainDelay()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.media().maxUrls()).isEqualTo(4);
        assertThat(config.media().maxBytesInFlight()).isEqualTo(40L * 1024 * 1024);
        // A larger body limit raises the default budget with it.
        assertThat(load("server:\n  max_body_bytes: 100MB\n", Map.of()).server().maxRequestBytesInFlight())
                .isEqualTo(100L * 1024 * 1024);
    }

    @Test
    void serverTimeoutsBelow100msAndBudgetsBelowOneRequestAreRefused() {
        assertThatThrownBy(() -> load("server:\n  header_timeout: 10ms\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("server.header_timeout must be at least 100ms");
        assertThatThrownBy(() -> load("server:\n  max_body_bytes: 2MB\n  max_request_bytes_in_flight: 1MB\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("server.max_request_bytes_in_flight must be at least max_body_bytes");
        assertThatThrownBy(() -> load("media:\n  max_bytes: 2MB\n  max_bytes_in_flight: 1MB\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("media.max_bytes_in_flight must be at least media.max_bytes");
    }

    @Test
    void theLogFormatIsTextOrJson() throws IOException {
        assertThat(load("", Map.of()).logging().format()).isEqualTo("text");
        assertThat(load("logging:\n  format: json\n", Map.of()).logging().format()).isEqualTo("json");
        assertThatThrownBy(() -> load("logging:\n  format: xml\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("logging.format must be text or json, got 'xml'");
    }

    @Test
    void trustedProxiesAreAddressBlocks() throws IOException {
        assertThat(load("", Map.of()).server().trustedProxies()).isEmpty();
        assertThat(load("server:\n  trusted_proxies: [10.0.0.0/8, \"fd00::/8\"]\n", Map.of()).server().trustedProxies())
                .extracting(Object::toString).containsExactly("10.0.0.0/8", "fd00::/8");
        assertThatThrownBy(() -> load("server:\n  trusted_proxies: [lb.internal]\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("server.trusted_proxies must list IP address blocks");
    }
}
