package dev.junction.gateway.config;

import dev.junction.gateway.access.CidrBlock;
import dev.junction.gateway.store.StorageSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.junction.gateway.media.MediaSettings;
import dev.junction.gateway.config.PriceTableReader;
import dev.junction.protocol.gemini.ThinkingCapabilities;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the configuration: a YAML file (when given, or {@code ./junction.yaml} when present) with
 * {@code ${VAR}} and {@code ${VAR:-default}} substitution in its values, then the environment
 * variables that need no file at all. Environment variables win over the file.
 *
 * <p>Every error names the key and, for values from the file, the file and line:
 * {@code junction.yaml:7: upstreams[0].base_url must be an http:// or https:// URL}.
 */
public final class ConfigLoader {
    public static final String DEFAULT_FILE = "junction.yaml";
    public static final URI GOOGLE_BASE_URL = URI.create("https://generativelanguage.googleapis.com");

    private static final Set<String> TOP_LEVEL = Set.of("server", "data_dir", "storage", "admin_token", "upstreams",
            "limits", "prices", "thinking_models", "media", "signatures", "usage", "relay", "routing", "metrics", "logging");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private static final Set<String> UPSTREAM_KEYS = Set.of("name", "type", "base_url", "api_keys", "models",
            "model_map", "priority", "weight", "connect_timeout", "read_timeout",
            "answer_timeout");

    private final Map<String, String> env;
    private final Map<String, UpstreamKind> kinds = new java.util.LinkedHashMap<>();
    private boolean mock;

    /** @param kinds the upstream kinds this build knows ({@code upstreams[].type}) */
    public ConfigLoader(Map<String, String> env, List<? extends UpstreamKind> kinds) {
        this.env = env;
        kinds.forEach(k -> this.kinds.put(k.name(), k));
    }

    /**
     * Serve the built-in mock upstream when the configuration declares no upstream (and no
     * {@code GEMINI_API_KEY}); also asked for with {@code JUNCTION_MOCK=true}. Without it, such
     * a configuration serves nothing and {@code serve} refuses to start: a gateway that answers
     * with canned text because a variable was missing must never happen by accident.
     */
    public ConfigLoader withMock(boolean value) {
        this.mock = value;
        return this;
    }

    /**
     * @param explicitFile the file named on the command line; it must exist
     * @param workingDir where to look for {@value #DEFAULT_FILE} when no file is named
     */
    public JunctionConfig load(Optional<Path> explicitFile, Path workingDir) {
        Optional<Path> home = envValue("JUNCTION_HOME").filter(h -> !h.isBlank()).map(Path::of);
        Optional<Path> file = explicitFile
                .or(() -> Optional.of(workingDir.resolve(DEFAULT_FILE)).filter(Files::isRegularFile))
                .or(() -> home.map(h -> h.resolve(DEFAULT_FILE)).filter(Files::isRegularFile));
        if (explicitFile.isPresent() && !Files.isRegularFile(explicitFile.get())) {
            throw new ConfigException("", "configuration file " + explicitFile.get() + " does not exist");
        }
        String yaml = file.map(ConfigLoader::read).orElse("");
        YamlLocations locations;
        JsonNode tree;
        try {
            locations = YamlLocations.of(yaml);
            tree = yaml.isBlank() ? JsonNodeFactory.instance.objectNode() : new YAMLMapper().readTree(yaml);
        } catch (IOException e) {
            throw new ConfigException("", file.map(Path::toString).orElse("configuration") + ": not valid YAML: "
                    + e.getMessage());
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            tree = JsonNodeFactory.instance.objectNode();
        }
        try {
            tree = substitute(tree, "");
            return build(new ConfigNode(tree, ""), file, workingDir);
        } catch (ConfigException e) {
            throw located(e, file, locations);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("", "cannot read configuration file " + file + ": " + e.getMessage());
        }
    }

    private static ConfigException located(ConfigException e, Optional<Path> file, YamlLocations locations) {
        if (e.pointer().isEmpty() || e.pointer().startsWith("env:")) {
            return e;
        }
        String where = file.map(f -> f + locations.lineOf(e.pointer()).map(line -> ":" + line).orElse("") + ": ")
                .orElse("");
        return new ConfigException(e.pointer(), where + e.key() + " " + e.getMessage());
    }

    private JsonNode substitute(JsonNode node, String pointer) {
        if (node.isTextual()) {
            return TextNode.valueOf(expand(node.asText(), pointer));
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                copy.set(field.getKey(), substitute(field.getValue(), pointer + "/" + field.getKey()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < node.size(); i++) {
                copy.add(substitute(node.get(i), pointer + "/" + i));
            }
            return copy;
        }
        return node;
    }

    private String expand(String text, String pointer) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = env.get(m.group(1));
            if (value == null || value.isEmpty()) {
                if (m.group(2) == null) {
                    throw new ConfigException(pointer, "refers to the environment variable " + m.group(1)
                            + ", which is not set (write ${" + m.group(1) + ":-default} to give a default)");
                }
                value = m.group(2);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private JunctionConfig build(ConfigNode root, Optional<Path> file, Path workingDir) {
        root.allowOnly(TOP_LEVEL);
        ServerSettings server = server(root.get("server"));
        Path dataDir = envValue("JUNCTION_DATA_DIR").map(Path::of)
                .or(() -> root.get("data_dir").string().map(Path::of))
                .orElse(Path.of("data"));
        if (!dataDir.isAbsolute()) {
            // One data folder per installation, wherever a command runs: relative to the
            // configuration file, else to the installation (JUNCTION_HOME, which ./junction sets).
            Path base = file.map(f -> f.toAbsolutePath().getParent())
                    .or(() -> envValue("JUNCTION_HOME").filter(h -> !h.isBlank()).map(Path::of))
                    .orElse(workingDir);
            dataDir = base.resolve(dataDir).toAbsolutePath().normalize();
        }
        StorageSettings storage = storage(root.get("storage"), dataDir);
        Optional<String> adminToken = envValue("JUNCTION_ADMIN_TOKEN").or(() -> root.get("admin_token").string())
                .filter(t -> !t.isBlank());
        if (adminToken.isPresent() && adminToken.get().length() < 16) {
            throw new ConfigException("/admin_token", "must be at least 16 characters long");
        }
        List<UpstreamSettings> upstreams = upstreams(root.get("upstreams"));
        MetricsSettings.read(root.get("metrics")); // checked now; read again by JunctionConfig.metrics()
        LoggingSettings.read(root.get("logging")); // likewise, JunctionConfig.logging()
        return new JunctionConfig(server, dataDir, storage, adminToken, upstreams, media(root.get("media")),
                signatures(root.get("signatures")), thinking(root.get("thinking_models")), file, root,
                OperationsSettingsReader.limits(root.get("limits"), this::envValue),
                OperationsSettingsReader.usage(root.get("usage")),
                PriceTableReader.read(root.get("prices").raw(), "/prices"), relay(root.get("relay")),
                routing(root.get("routing")));
    }

    private static RelaySettings relay(ConfigNode node) {
        node.allowOnly(Set.of("max_answer_bytes", "answer_memory", "stream_keep_alive"));
        RelaySettings d = RelaySettings.DEFAULTS;
        long maxAnswer = node.get("max_answer_bytes").byteSize().orElse(d.maxAnswerBytes());
        long memory = node.get("answer_memory").byteSize().orElse(d.answerMemory());
        if (memory > 0 && memory < 1024 * 1024) {
            throw node.get("answer_memory").error("must be at least 1MB");
        }
        if (maxAnswer > 0 && maxAnswer < 1024) {
            throw node.get("max_answer_bytes").error("must be at least 1KB");
        }
        Duration keepAlive = node.get("stream_keep_alive").duration().orElse(d.streamKeepAlive());
        if (keepAlive.toMillis() < 100) {
            throw node.get("stream_keep_alive").error("must be at least 100ms");
        }
        return new RelaySettings(maxAnswer, memory, keepAlive);
    }

    private static RoutingSettings routing(ConfigNode node) {
        node.allowOnly(Set.of("max_attempts", "deadline", "failure_streak", "cooldown"));
        RoutingSettings d = RoutingSettings.DEFAULTS;
        return new RoutingSettings(node.get("max_attempts").integer(1, 10).orElse(d.maxAttempts()),
                node.get("deadline").duration().orElse(d.deadline()),
                node.get("failure_streak").integer(1, 1000).orElse(d.failureStreak()),
                node.get("cooldown").duration().orElse(d.cooldown()));
    }

    private ServerSettings server(ConfigNode node) {
        node.allowOnly(Set.of("host", "port", "max_body_bytes", "shutdown_grace", "idle_timeout", "header_timeout",
                "body_timeout", "write_stall_timeout", "max_request_bytes_in_flight", "drain_delay", "trusted_proxies"));
        String host = envValue("JUNCTION_HOST").orElseGet(() -> node.get("host").string("127.0.0.1"));
        int port = envValue("JUNCTION_PORT")
                .map(v -> new ConfigNode(TextNode.valueOf(v), "env:JUNCTION_PORT"))
                .map(this::envPort)
                .orElseGet(() -> node.get("port").integer(0, 65535).orElse(8080));
        long maxBody = node.get("max_body_bytes").byteSize().orElse(ServerSettings.DEFAULT_MAX_BODY_BYTES);
        if (maxBody < 1024) {
            throw node.get("max_body_bytes").error("must be at least 1KB");
        }
        Duration grace = node.get("shutdown_grace").duration().orElse(ServerSettings.DEFAULT_SHUTDOWN_GRACE);
        ServerSettings.Timeouts d = ServerSettings.Timeouts.DEFAULTS;
        ServerSettings.Timeouts timeouts = new ServerSettings.Timeouts(
                timeout(node.get("idle_timeout"), d.idle()), timeout(node.get("header_timeout"), d.header()),
                timeout(node.get("body_timeout"), d.body()), timeout(node.get("write_stall_timeout"), d.writeStall()));
        long inFlight = node.get("max_request_bytes_in_flight").byteSize()
                .orElse(Math.max(ServerSettings.DEFAULT_MAX_REQUEST_BYTES_IN_FLIGHT, maxBody));
        if (inFlight < maxBody) {
            throw node.get("max_request_bytes_in_flight").error("must be at least max_body_bytes ("
                    + maxBody + " bytes), or no body of the largest size could ever be read");
        }
        Duration drainDelay = node.get("drain_delay").duration().orElse(Duration.ZERO);
        List<CidrBlock> trusted = new ArrayList<>();
        for (String block : node.get("trusted_proxies").strings()) {
            try {
                trusted.add(CidrBlock.parse(block));
            } catch (IllegalArgumentException e) {
                throw node.get("trusted_proxies").error("must list IP address blocks such as 10.0.0.0/8: "
                        + e.getMessage());
            }
        }
        return new ServerSettings(host, port, maxBody, grace, timeouts, inFlight, drainDelay, trusted);
    }

    private static Duration timeout(ConfigNode node, Duration fallback) {
        Duration value = node.duration().orElse(fallback);
        if (value.toMillis() < 100) {
            throw node.error("must be at least 100ms");
        }
        return value;
    }

    private int envPort(ConfigNode value) {
        try {
            return value.integer(0, 65535).orElseThrow();
        } catch (ConfigException e) {
            throw new ConfigException("env:JUNCTION_PORT", "environment variable JUNCTION_PORT " + e.getMessage());
        }
    }

    private StorageSettings storage(ConfigNode node, Path dataDir) {
        node.allowOnly(Set.of("url", "user", "password"));
        String url = envValue("JUNCTION_DATABASE_URL")
                .orElseGet(() -> node.get("url").string("jdbc:sqlite:" + dataDir.resolve("junction.db")));
        if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
            throw new ConfigException(envValue("JUNCTION_DATABASE_URL").isPresent() ? "env:JUNCTION_DATABASE_URL"
                    : "/storage/url", "must be a jdbc:sqlite: or jdbc:postgresql: URL, got '" + url + "'");
        }
        return new StorageSettings(url, node.get("user").string(), node.get("password").string());
    }

    private List<UpstreamSettings> upstreams(ConfigNode node) {
        List<UpstreamSettings> upstreams = new ArrayList<>();
        for (ConfigNode u : node.elements()) {
            upstreams.add(upstream(u, upstreams.size()));
        }
        long distinct = upstreams.stream().map(UpstreamSettings::name).distinct().count();
        if (distinct != upstreams.size()) {
            throw node.error("has two upstreams with the same name");
        }
        boolean mockAsked = mock || envValue("JUNCTION_MOCK").map(Boolean::parseBoolean).orElse(false);
        if (upstreams.isEmpty()) {
            List<String> keys = envValue("GEMINI_API_KEY").map(v -> List.of(v.split(","))).orElse(List.of())
                    .stream().map(String::trim).filter(k -> !k.isEmpty()).toList();
            URI base = envValue("GEMINI_BASE_URL")
                    .map(v -> new ConfigNode(TextNode.valueOf(v), "env:GEMINI_BASE_URL").httpUrl().orElseThrow())
                    .orElse(GOOGLE_BASE_URL);
            if (mockAsked) {
                upstreams.add(defaults("mock", "mock", URI.create("http://127.0.0.1"), List.of()));
            } else if (!keys.isEmpty()) {
                upstreams.add(defaults("gemini", "gemini", base, keys));
            }
        } else if (mockAsked) {
            throw new ConfigException("", "the built-in mock (--mock, JUNCTION_MOCK) is served only when no upstream "
                    + "is configured, and " + upstreams.size() + " are");
        }
        List<String> envKeys = envValue("GEMINI_API_KEY").map(v -> List.of(v.split(","))).orElse(List.of())
                .stream().map(String::trim).filter(k -> !k.isEmpty()).toList();
        if (!upstreams.isEmpty() && !envKeys.isEmpty()
                && upstreams.stream().noneMatch(u -> u.apiKeys().stream().anyMatch(envKeys::contains))) {
            System.getLogger(ConfigLoader.class.getName()).log(System.Logger.Level.WARNING, "GEMINI_API_KEY is set "
                    + "but the configuration declares its own upstreams, so the variable is not used; write "
                    + "api_keys: [\"${GEMINI_API_KEY}\"] in an upstream to use it, or unset it");
        }
        return upstreams;
    }

    private UpstreamSettings upstream(ConfigNode node, int index) {
        String typeName = node.get("type").string("gemini");
        UpstreamKind kind = kinds.get(typeName);
        if (kind == null) {
            throw node.get("type").error("must be one of: " + String.join(", ", kinds.keySet()));
        }
        Set<String> allowed = new java.util.HashSet<>(UPSTREAM_KEYS);
        allowed.addAll(kind.settings());
        node.allowOnly(allowed);
        String name = node.get("name").string("upstream-" + index);
        URI base = node.get("base_url").httpUrl().or(kind::defaultBaseUrl)
                .orElseThrow(() -> node.get("base_url").error("is required for a " + typeName + " upstream"));
        List<String> keys = node.get("api_keys").strings();
        List<String> models = node.get("models").strings();
        Map<String, String> modelMap = new java.util.LinkedHashMap<>();
        node.get("model_map").entries().forEach((alias, target) -> modelMap.put(alias,
                target.string().filter(t -> !t.isBlank()).orElseThrow(() -> target.error("must be a model id"))));
        kind.validate(node);
        return new UpstreamSettings(name, typeName, base, keys, models.isEmpty() ? kind.defaultModels() : models,
                modelMap, node.get("priority").integer(-1_000_000, 1_000_000).orElse(0),
                node.get("weight").integer(0, 1_000_000).orElse(1),
                node.get("connect_timeout").duration().orElse(DEFAULT_CONNECT_TIMEOUT),
                node.get("read_timeout").duration().orElse(DEFAULT_READ_TIMEOUT),
                node.get("answer_timeout").duration().orElse(DEFAULT_ANSWER_TIMEOUT), node);
    }

    private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration DEFAULT_ANSWER_TIMEOUT = Duration.ofMinutes(10);

    /** An upstream given by the environment alone (no entry in the file). */
    private static UpstreamSettings defaults(String name, String type, URI base, List<String> keys) {
        return new UpstreamSettings(name, type, base, keys, List.of("gemini-*"), Map.of(), 0, 1,
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, DEFAULT_ANSWER_TIMEOUT,
                new ConfigNode(JsonNodeFactory.instance.objectNode(), "env:GEMINI_API_KEY"));
    }

    private static MediaSettings media(ConfigNode node) {
        node.allowOnly(Set.of("max_bytes", "timeout", "allow_private_addresses", "max_urls", "max_bytes_in_flight"));
        MediaSettings d = MediaSettings.DEFAULTS;
        long maxBytes = node.get("max_bytes").byteSize().orElse(d.maxBytes());
        long inFlight = node.get("max_bytes_in_flight").byteSize().orElse(Math.max(d.maxBytesInFlight(), maxBytes));
        if (inFlight < maxBytes) {
            throw node.get("max_bytes_in_flight").error("must be at least media.max_bytes (" + maxBytes + " bytes)");
        }
        return new MediaSettings(maxBytes, node.get("timeout").duration().orElse(d.timeout()),
                node.get("allow_private_addresses").bool().orElse(d.allowPrivateAddresses()),
                node.get("max_urls").integer(0, 1000).orElse(d.maxUrls()), inFlight);
    }

    private static SignatureSettings signatures(ConfigNode node) {
        node.allowOnly(Set.of("max_bytes", "ttl"));
        SignatureSettings d = SignatureSettings.DEFAULTS;
        return new SignatureSettings(node.get("max_bytes").byteSize().orElse(d.maxBytes()),
                node.get("ttl").duration().orElse(d.ttl()));
    }

    private static ThinkingCapabilities thinking(ConfigNode node) {
        ThinkingCapabilities defaults = ThinkingCapabilities.defaults();
        if (node.isMissing()) {
            return defaults;
        }
        try {
            return defaults.withOverrides(node.raw());
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
    }

    private Optional<String> envValue(String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }
}
