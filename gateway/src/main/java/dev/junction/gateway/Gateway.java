package dev.junction.gateway;

import dev.junction.gateway.access.TokenRegistry;
import dev.junction.gateway.access.TokenSecrets;
import dev.junction.gateway.access.TokenStore;
import dev.junction.gateway.config.JunctionConfig;
import dev.junction.gateway.config.UpstreamSettings;
import dev.junction.gateway.edge.BodyReader;
import dev.junction.gateway.edge.EdgeHandler;
import dev.junction.gateway.edge.Endpoint;
import dev.junction.gateway.edge.HealthHandlers;
import dev.junction.gateway.edge.InFlight;
import dev.junction.gateway.edge.RequestIds;
import dev.junction.gateway.edge.Router;
import dev.junction.gateway.edge.openai.OpenAiChatEndpoint;
import dev.junction.gateway.edge.openai.OpenAiModelsEndpoint;
import dev.junction.gateway.filter.AuthenticationFilter;
import dev.junction.gateway.filter.FilterChain;
import dev.junction.gateway.filter.GatewayFilter;
import dev.junction.gateway.filter.KeyPolicyFilter;
import dev.junction.gateway.filter.ReadRequestFilter;
import dev.junction.gateway.filter.RequestIdFilter;
import dev.junction.gateway.filter.RouteFilter;
import dev.junction.gateway.media.MediaFetcher;
import dev.junction.gateway.media.MediaResolver;
import dev.junction.mock.gemini.MockGeminiConfig;
import dev.junction.gateway.ops.OperatorServices;
import dev.junction.gateway.admin.AdminRoute;
import dev.junction.mock.gemini.MockGeminiServer;
import dev.junction.gateway.provider.GeminiUpstream;
import dev.junction.gateway.provider.ModelCatalog;
import dev.junction.gateway.provider.Upstream;
import dev.junction.gateway.provider.UpstreamRegistry;
import dev.junction.gateway.signature.SignatureRestorer;
import dev.junction.gateway.signature.ThoughtSignatureStore;
import dev.junction.gateway.store.Database;
import dev.junction.gateway.usage.UsageLog;
import dev.junction.gateway.usage.UsageSink;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A running Junction: everything wired together, in the order a request meets it. Start with
 * {@link #start}, stop with {@link #close} (which lets requests in flight finish).
 */
public final class Gateway implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Gateway.class.getName());

    private final JunctionConfig config;
    private final Vertx vertx;
    private final HttpServers servers;
    private final InFlight inFlight;
    private final TokenStore tokens;
    private final TokenRegistry registry;
    private final UpstreamRegistry upstreams;
    private final OperatorServices operators;
    private final Database database;
    private final List<AutoCloseable> resources;

    private Gateway(JunctionConfig config, Vertx vertx, HttpServers servers, InFlight inFlight, TokenStore tokens,
            TokenRegistry registry, UpstreamRegistry upstreams, OperatorServices operators, Database database,
            List<AutoCloseable> resources) {
        this.operators = operators;
        this.config = config;
        this.vertx = vertx;
        this.servers = servers;
        this.inFlight = inFlight;
        this.tokens = tokens;
        this.registry = registry;
        this.upstreams = upstreams;
        this.database = database;
        this.resources = resources;
    }

    public static Gateway start(JunctionConfig config, Clock clock) {
        return start(config, clock, record -> {});
    }

    /** @param observer also receives every usage record (tests and embedding applications watch it) */
    public static Gateway start(JunctionConfig config, Clock clock, UsageSink observer) {
        List<AutoCloseable> resources = new ArrayList<>();
        Vertx vertx = Vertx.vertx(EventLoops.options());
        resources.add(() -> vertx.close().await(10, TimeUnit.SECONDS));
        try {
            Database database = Database.open(config.storage());
            resources.add(database);
            TokenStore tokens = new TokenStore(database, clock);
            TokenRegistry registry = new TokenRegistry(tokens, clock);
            registry.refresh();

            UpstreamRegistry upstreams = new UpstreamRegistry(startUpstreams(vertx, config, clock, resources));
            resources.add(upstreams);
            ModelCatalog catalog = new ModelCatalog(upstreams, clock);
            ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "junction-background");
                t.setDaemon(true);
                return t;
            });
            resources.add(background::shutdownNow);
            OperatorServices operators = OperatorServices.start(config, database, tokens, registry, clock, background);
            resources.add(operators);

            MediaFetcher fetcher = new MediaFetcher(vertx, config.media());
            resources.add(fetcher);
            OpenAiChatEndpoint chat = new OpenAiChatEndpoint(config.thinking(),
                    new SignatureRestorer(new ThoughtSignatureStore(config.signatures().maxBytes(),
                            config.signatures().ttl())),
                    new MediaResolver(fetcher), clock);
            Router router = new Router(catalog, new Router.EndpointFactory() {
                @Override
                public Optional<Endpoint> chatCompletions() {
                    return Optional.of(chat);
                }

                @Override
                public Optional<Endpoint> models(Optional<String> model) {
                    return Optional.of(new OpenAiModelsEndpoint(catalog, model));
                }
            });
            List<GatewayFilter> filters = new ArrayList<>(List.of(
                    new RequestIdFilter(),
                    new AuthenticationFilter(registry),
                    new ReadRequestFilter(new BodyReader(config.server().maxBodyBytes())),
                    new KeyPolicyFilter()));
            filters.addAll(operators.filters()); // metering, concurrency, rate limits, budgets
            filters.add(new RouteFilter(upstreams));
            UsageLog log = new UsageLog();
            resources.add(log);
            EdgeHandler edge = new EdgeHandler(router, new FilterChain(filters), operators.usageSink(record -> {
                log.accept(record);
                observer.accept(record);
            }), new RequestIds(), clock, new HealthHandlers(vertx, database, () -> !upstreams.all().isEmpty()),
                    new AdminRoute(operators.admin()));

            background.scheduleWithFixedDelay(() -> refreshTokens(registry), 2, 2, TimeUnit.SECONDS);

            HttpServers servers = HttpServers.start(vertx, config.server(), edge);
            return new Gateway(config, vertx, servers, edge.inFlight(), tokens, registry, upstreams, operators, database,
                    resources);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    private static List<Upstream> startUpstreams(Vertx vertx, JunctionConfig config, Clock clock,
            List<AutoCloseable> resources) {
        List<Upstream> started = new ArrayList<>();
        for (UpstreamSettings settings : config.upstreams()) {
            switch (settings.type()) {
                case GEMINI -> started.add(new GeminiUpstream(vertx, settings, clock));
                case MOCK -> started.add(startMock(vertx, settings, clock, resources));
            }
        }
        return started;
    }

    /**
     * The built-in mock runs on a loopback port of its own and is relayed to like any Gemini
     * upstream, so that everything a newcomer tries goes through the real relay.
     */
    private static Upstream startMock(Vertx vertx, UpstreamSettings settings, Clock clock,
            List<AutoCloseable> resources) {
        String key = "mock-" + TokenSecrets.generate();
        MockGeminiServer mock = MockGeminiServer.start(MockGeminiConfig.defaults()
                .withAcceptedKeys(Set.of(key))
                .withRecordLimit(0));
        resources.add(mock);
        return new GeminiUpstream(vertx, new UpstreamSettings(settings.name(), UpstreamSettings.UpstreamType.MOCK,
                URI.create(mock.baseUrl()), List.of(key), settings.models(), settings.connectTimeout(),
                settings.readTimeout()), clock);
    }

    private static void refreshTokens(TokenRegistry registry) {
        try {
            registry.refresh();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot refresh tokens from the database (serving the ones known): {0}",
                    e.getMessage());
        }
    }

    public int port() {
        return servers.port();
    }

    public JunctionConfig config() {
        return config;
    }

    public Vertx vertx() {
        return vertx;
    }

    public TokenStore tokens() {
        return tokens;
    }

    /** Makes token changes visible now instead of at the next periodic refresh. */
    public void refreshTokens() {
        registry.refresh();
    }

    public UpstreamRegistry upstreams() {
        return upstreams;
    }

    public Database database() {
        return database;
    }

    /** Usage, limits, budgets, audit and the admin API. */
    public OperatorServices operators() {
        return operators;
    }

    /**
     * Stops accepting, lets requests in flight finish (streams included, up to the configured
     * grace), then releases everything: the usage of every request that finished is recorded.
     */
    @Override
    public void close() {
        long start = System.nanoTime();
        servers.shutdown(config.server().shutdownGrace());
        Duration left = config.server().shutdownGrace().minusNanos(System.nanoTime() - start);
        if (!inFlight.awaitIdle(left.isNegative() ? Duration.ZERO : left)) {
            LOG.log(Level.WARNING, "{0} requests were still under way when the shutdown grace ran out",
                    Integer.toString(inFlight.count()));
        }
        closeAll(resources);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing {0} failed: {1}", resources.get(i).getClass().getSimpleName(),
                        e.getMessage());
            }
        }
    }
}
