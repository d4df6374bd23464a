package dev.junction.gateway;

import dev.junction.gateway.access.TokenRegistry;
import dev.junction.gateway.access.TokenStore;
import dev.junction.gateway.admin.AdminRoute;
import dev.junction.gateway.console.Console;
import dev.junction.gateway.console.ConsoleRoute;
import dev.junction.gateway.console.ConsoleSessions;
import dev.junction.gateway.config.JunctionConfig;
import dev.junction.gateway.config.MetricsSettings;
import dev.junction.gateway.config.UpstreamSettings;
import dev.junction.gateway.doors.Door;
import dev.junction.gateway.doors.anthropic.AnthropicDoor;
import dev.junction.gateway.doors.gemini.GeminiDoor;
import dev.junction.gateway.doors.openai.OpenAiApi;
import dev.junction.gateway.doors.openai.OpenAiDoor;
import dev.junction.gateway.concurrent.ByteBudget;
import dev.junction.gateway.edge.ConnectionGuard;
import dev.junction.gateway.doors.responses.ResponsesDoor;
import dev.junction.gateway.edge.EdgeHandler;
import dev.junction.gateway.edge.HttpErrors;
import dev.junction.gateway.edge.Readiness;
import dev.junction.gateway.edge.ReadinessChecks;
import dev.junction.gateway.edge.HealthHandlers;
import dev.junction.gateway.edge.InFlight;
import dev.junction.gateway.edge.RequestIds;
import dev.junction.gateway.edge.Router;
import dev.junction.gateway.filter.AuthenticationFilter;
import dev.junction.gateway.filter.BodyReader;
import dev.junction.gateway.filter.FilterChain;
import dev.junction.gateway.filter.GatewayFilter;
import dev.junction.gateway.filter.KeyPolicyFilter;
import dev.junction.gateway.filter.ReadRequestFilter;
import dev.junction.gateway.filter.RequestIdFilter;
import dev.junction.gateway.filter.RouteFilter;
import dev.junction.gateway.media.MediaFetcher;
import dev.junction.gateway.metrics.GatewayMetrics;
import dev.junction.gateway.metrics.MetricsHandler;
import dev.junction.gateway.media.MediaResolver;
import dev.junction.gateway.ops.OperatorServices;
import dev.junction.gateway.providers.ProviderContext;
import dev.junction.gateway.providers.ProviderKinds;
import dev.junction.gateway.providers.ResponseBudget;
import dev.junction.gateway.relay.ChatRelay;
import dev.junction.gateway.routing.ModelCatalog;
import dev.junction.gateway.routing.LiveUpstreams;
import dev.junction.gateway.routing.UpstreamHealth;
import dev.junction.gateway.routing.Upstreams;
import dev.junction.gateway.signature.SignatureRestorer;
import dev.junction.gateway.signature.ThoughtSignatureStore;
import dev.junction.gateway.store.Database;
import dev.junction.gateway.usage.UsageLog;
import dev.junction.gateway.usage.UsageSink;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    private final LiveUpstreams upstreams;
    private final Clock clock;
    private final OperatorServices operators;
    private final Database database;
    private final List<AutoCloseable> resources;
    private final Optional<Integer> metricsPort;
    private final GatewayMetrics metrics;
    private final Readiness readiness;

    private Gateway(JunctionConfig config, Vertx vertx, HttpServers servers, InFlight inFlight, TokenStore tokens,
            TokenRegistry registry, LiveUpstreams upstreams, Clock clock, OperatorServices operators,
            Database database, List<AutoCloseable> resources, Optional<Integer> metricsPort, Readiness readiness,
            GatewayMetrics metrics) {
        this.metrics = metrics;
        this.metricsPort = metricsPort;
        this.readiness = readiness;
        this.clock = clock;
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

            GatewayMetrics metrics = new GatewayMetrics();
            LiveUpstreams upstreams = new LiveUpstreams(startUpstreams(vertx, config, clock, null)
                    .observedBy(metrics.attempts()), Duration.ofMinutes(10));
            resources.add(upstreams);
            ModelCatalog catalog = new ModelCatalog(upstreams, clock);
            ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "junction-background");
                t.setDaemon(true);
                return t;
            });
            resources.add(background::shutdownNow);
            OperatorServices operators = OperatorServices.start(config, database, tokens, registry, clock, background,
                    upstreams);
            resources.add(operators);

            MediaFetcher fetcher = new MediaFetcher(vertx, config.media());
            resources.add(fetcher);
            ResponseBudget budget = new ResponseBudget(config.relay().answerMemoryOrDefault());
            int maxAnswerBytes = config.relay().maxAnswerBytesOrDefault();
            ChatRelay chat = new ChatRelay(new SignatureRestorer(new ThoughtSignatureStore(config.signatures().maxBytes(),
                    config.signatures().ttl())), new MediaResolver(fetcher), budget, maxAnswerBytes);
            // The doors, in the order they claim paths (the Gemini door takes /v1/models for
            // callers using Google's key style, so it goes first; the Anthropic door takes
            // /v1/messages and the Responses door /v1/responses before the OpenAI door takes the rest of /v1).
            List<Door> doors = List.of(
                    new GeminiDoor(catalog, chat, clock),
                    new AnthropicDoor(chat, clock, config.relay().streamKeepAlive()),
                    new ResponsesDoor(chat, clock),
                    new OpenAiDoor(chat, catalog, clock));
            UsageLog log = new UsageLog();
            resources.add(log);
            metrics.watch(upstreams);
            metrics.gauge("junction.usage.queued", "Usage records waiting to be written",
                    () -> operators.writer().stats().queued());
            metrics.gauge("junction.usage.dropped", "Usage records the queue could not take",
                    () -> operators.writer().stats().dropped());
            Readiness readiness = new Readiness();
            readiness.register("upstreams", () -> ReadinessChecks.upstreams(upstreams.get()));
            readiness.register("usage_queue", () -> ReadinessChecks.usageQueue(operators.writer().stats(),
                    config.usage().queueCapacity()));
            Router router = new Router(doors, OpenAiApi.INSTANCE);
            RequestIds requestIds = new RequestIds();
            EdgeHandler edge = new EdgeHandler(router,
                    filters(config, registry, operators, upstreams), operators.usageSink(record -> {
                        log.accept(record);
                        metrics.accept(record);
                        observer.accept(record);
                    }), requestIds, clock, new HealthHandlers(readiness),
                    new AdminRoute(operators.admin()), new MetricsHandler(metrics, config.adminToken(), false),
                    new ConsoleRoute(new Console(operators.admin(), new ConsoleSessions(clock))),
                    new ByteBudget(config.server().maxRequestBytesInFlight()), config.server().trustedProxies());
            metrics.gauge("junction.requests.in.flight", "API requests under way", () -> edge.inFlight().count());
            MetricsSettings metricsSettings = config.metrics();
            Optional<HttpServer> metricsServer = Optional.empty();
            if (metricsSettings.port().isPresent()) {
                HttpServer server = vertx.createHttpServer().requestHandler(new MetricsHandler(metrics,
                        config.adminToken(), true)).listen(metricsSettings.port().get(),
                        metricsSettings.host().orElse(config.server().host())).await();
                resources.add(() -> server.close().await(5, TimeUnit.SECONDS));
                metricsServer = Optional.of(server);
            }

            background.scheduleWithFixedDelay(() -> refreshTokens(registry), 2, 2, TimeUnit.SECONDS);

            HttpServers servers = HttpServers.start(vertx, config.server(), edge,
                    new ConnectionGuard(config.server().timeouts(), new HttpErrors(router, requestIds)));
            return new Gateway(config, vertx, servers, edge.inFlight(), tokens, registry, upstreams, clock, operators,
                    database, resources, metricsServer.map(HttpServer::actualPort), readiness, metrics);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    /**
     * The filter order, written once: request id → authenticate → read the body (only now that
     * the caller is known) → key policy → metering → concurrency → rate limits → budgets →
     * route. Metering settles just before the usage record is made, before any completion
     * action, so the limits settle with the cost it computes.
     */
    private static FilterChain filters(JunctionConfig config, TokenRegistry registry, OperatorServices operators,
            LiveUpstreams upstreams) {
        List<GatewayFilter> filters = new ArrayList<>(List.of(
                new RequestIdFilter(),
                new AuthenticationFilter(registry),
                new ReadRequestFilter(new BodyReader(config.server().maxBodyBytes())),
                new KeyPolicyFilter()));
        filters.addAll(operators.filters()); // metering, concurrency, rate limits, budgets
        filters.add(new RouteFilter(upstreams));
        return new FilterChain(filters);
    }

    /**
     * Starts a provider for every configured upstream.
     *
     * @param previous the set being replaced, whose upstreams of the same name and kind keep their
     *     health (a reload does not forget a cooldown); null at start
     */
    private static Upstreams startUpstreams(Vertx vertx, JunctionConfig config, Clock clock, Upstreams previous) {
        ProviderContext context = new ProviderContext(vertx, clock, config);
        List<Upstreams.Upstream> started = new ArrayList<>();
        try {
            for (UpstreamSettings settings : config.upstreams()) {
                started.add(new Upstreams.Upstream(settings,
                        ProviderKinds.named(settings.type()).orElseThrow().create(settings, context),
                        previous == null ? new UpstreamHealth(settings.name(), config.routing(), clock)
                                : previous.named(settings.name()).filter(u -> u.settings().type().equals(settings.type()))
                                        .map(Upstreams.Upstream::health)
                                        .orElseGet(() -> new UpstreamHealth(settings.name(), config.routing(), clock))));
            }
        } catch (RuntimeException e) {
            started.forEach(u -> u.provider().close());
            throw e;
        }
        return new Upstreams(started, config.routing(), clock);
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

    /** The port of the separate metrics listener, when {@code metrics.port} asks for one. */
    public Optional<Integer> metricsPort() {
        return metricsPort;
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

    /** The upstreams requests are routed to now. */
    public Upstreams upstreams() {
        return upstreams.get();
    }

    /**
     * Replaces the upstreams with those of {@code fresh} (a configuration just read again): new
     * requests go to the new set at once, requests under way finish on the old one, which then
     * closes. Only the {@code upstreams} section is taken; other changes need a restart, and are
     * named in the log. Nothing changes when {@code fresh} has no upstreams.
     *
     * @return the number of upstreams now in use
     * @throws IllegalArgumentException when {@code fresh} has no upstreams
     */
    public synchronized int reload(JunctionConfig fresh) {
        if (fresh.upstreams().isEmpty()) {
            throw new IllegalArgumentException("the new configuration has no upstreams; the "
                    + upstreams.get().all().size() + " in use stay");
        }
        Upstreams next = startUpstreams(vertx, withUpstreams(fresh), clock, upstreams.get())
                .observedBy(metrics.attempts());
        upstreams.replace(next);
        LOG.log(Level.INFO, "upstreams reloaded: {0}", next.all().stream()
                .map(u -> u.settings().name() + " (" + u.settings().type() + ")").toList());
        return next.all().size();
    }

    /** The running configuration with only its upstreams taken from {@code fresh}. */
    private JunctionConfig withUpstreams(JunctionConfig fresh) {
        return new JunctionConfig(config.server(), config.dataDir(), config.storage(), config.adminToken(),
                fresh.upstreams(), config.media(), config.signatures(), config.thinking(), config.source(),
                config.sections(), config.limits(), config.usage(), config.prices(), config.relay(), config.routing());
    }

    public Database database() {
        return database;
    }

    /** Usage, limits, budgets, audit and the admin API. */
    public OperatorServices operators() {
        return operators;
    }

    /**
     * Adds a named check to {@code /readyz} (or replaces the one of that name): the instance is
     * ready only while every check passes. The check runs on an event loop each time readiness
     * is asked, so it must answer from memory at once; one that throws counts as failing.
     */
    public void readinessCheck(String name, java.util.function.Supplier<Readiness.Result> check) {
        readiness.register(name, check);
    }

    /** What {@code /readyz} would answer now. */
    public Readiness.Report readiness() {
        return readiness.report();
    }

    /**
     * Stops in the order an orchestrator's grace period (30 s, usually) allows: {@code /readyz}
     * says {@code draining} at once and requests are still served for {@code server.drain_delay}
     * (0 unless set, for load balancers that need to notice); then no new connection is taken and
     * requests in flight get up to {@code server.shutdown_grace} (20 s) to finish, streams
     * included; then the usage queue is written within {@code usage.drain_timeout} (5 s) and
     * everything is released.
     */
    @Override
    public void close() {
        readiness.drain();
        Duration delay = config.server().drainDelay();
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
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
