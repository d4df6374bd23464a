package dev.junction.gateway.edge;

import dev.junction.gateway.access.CidrBlock;
import java.util.List;
import dev.junction.gateway.context.Downstream;
import dev.junction.gateway.context.InboundRequest;
import dev.junction.gateway.context.Endpoint;
import dev.junction.gateway.context.Exchange;
import dev.junction.gateway.concurrent.ByteBudget;
import dev.junction.gateway.filter.FilterChain;
import dev.junction.gateway.filter.RequestIdFilter;
import dev.junction.gateway.usage.UsageRecord;
import dev.junction.gateway.usage.UsageRecords;
import dev.junction.gateway.usage.UsageSink;
import dev.junction.gateway.doors.Route;
import dev.junction.protocol.model.GatewayError;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where every request enters: health probes are answered at once, the admin API, the web
 * console and {@code /metrics} have their own handlers, and API requests are routed, run
 * through the filter chain to their endpoint, and recorded when they end. Runs on an event loop
 * and never blocks it.
 */
public final class EdgeHandler implements Handler<HttpServerRequest> {
    private final Router router;
    private final FilterChain chain;
    private final UsageSink usage;
    private final Supplier<String> requestIds;
    private final Clock clock;
    private final HealthHandlers health;
    private final Handler<HttpServerRequest> admin;
    private final Handler<HttpServerRequest> metrics;
    private final Handler<HttpServerRequest> console;
    private final ByteBudget requestMemory;
    private final InFlight inFlight = new InFlight();
    private final ClientAddresses clients;

    /**
     * @param requestMemory the request body bytes all requests together may hold
     * @param trustedProxies the peers whose {@code X-Forwarded-For} names the client
     */
    public EdgeHandler(Router router, FilterChain chain, UsageSink usage, Supplier<String> requestIds, Clock clock,
            HealthHandlers health, Handler<HttpServerRequest> admin, Handler<HttpServerRequest> metrics,
            Handler<HttpServerRequest> console, ByteBudget requestMemory, List<CidrBlock> trustedProxies) {
        this.requestMemory = requestMemory;
        this.clients = new ClientAddresses(trustedProxies);
        this.admin = admin;
        this.console = console;
        this.metrics = metrics;
        this.router = router;
        this.chain = chain;
        this.usage = usage;
        this.requestIds = requestIds;
        this.clock = clock;
        this.health = health;
    }

    @Override
    public void handle(HttpServerRequest req) {
        long start = System.nanoTime();
        String path = req.path();
        boolean console = path.equals("/console") || path.startsWith("/console/");
        if (path.equals("/healthz") || path.equals("/readyz") || path.startsWith("/admin/") || path.equals("/metrics")
                || console) {
            RequestIdFilter.echo(Optional.ofNullable(req.getHeader(RequestIdFilter.HEADER)), requestIds.get(),
                    req.response()::putHeader);
            if (path.startsWith("/admin/")) {
                admin.handle(req);
            } else if (console) {
                this.console.handle(req);
            } else if (path.equals("/metrics")) {
                metrics.handle(req);
            } else {
                health.handle(req);
            }
            return;
        }
        VertxInbound inbound = new VertxInbound(req, requestMemory, clients);
        handle(inbound, new VertxDownstream(req.response()), start, inbound::release);
    }

    /** The life of one API request, independent of the server underneath. */
    public void handle(InboundRequest request, Downstream downstream, long startNanos) {
        handle(request, downstream, startNanos, () -> {});
    }

    /** @param release lets go of what the request holds (its body's memory) once it has ended */
    private void handle(InboundRequest request, Downstream downstream, long startNanos, Runnable release) {
        String requestId = requestIds.get();
        RequestIdFilter.echo(request.header(RequestIdFilter.HEADER), requestId, downstream::header);
        Route route = router.route(request);
        if (route instanceof Route.NotFound notFound) {
            GatewayError error = GatewayError.of(GatewayError.Kind.NOT_FOUND, notFound.message()).withCode("not_found");
            downstream.send(notFound.api().status(error), "application/json; charset=UTF-8",
                    notFound.api().errorBody(error));
            release.run();
            return;
        }
        Endpoint endpoint = ((Route.Found) route).endpoint();
        inFlight.started();
        Exchange exchange = new Exchange(requestId, endpoint, request, downstream, clock.instant(), startNanos,
                this::keep, ended -> {
                    release.run();
                    record(ended);
                });
        downstream.onClose(exchange::clientLeft);
        chain.run(exchange, ex -> ex.endpoint().serve(ex));
    }

    /** Just before the answer's last bytes: the record is made and kept where a crash cannot lose it. */
    private void keep(Exchange exchange) {
        UsageRecord record = UsageRecords.of(exchange, System.nanoTime(), exchange.costMicros());
        exchange.attribute(UsageRecord.class, record);
        usage.keep(record);
    }

    private void record(Exchange exchange) {
        try {
            usage.accept(exchange.attribute(UsageRecord.class)
                    .orElseGet(() -> UsageRecords.of(exchange, System.nanoTime(), exchange.costMicros())));
        } finally {
            inFlight.ended();
        }
    }

    /** The API requests under way. */
    public InFlight inFlight() {
        return inFlight;
    }
}
