package dev.junction.gateway.edge;

import dev.junction.gateway.filter.FilterChain;
import dev.junction.gateway.usage.UsageRecords;
import dev.junction.gateway.usage.UsageSink;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where every API request enters: route, run the filter chain and the endpoint, answer errors in
 * the caller's protocol, then settle and record. Runs on the request's virtual thread.
 */
public final class EdgeHandler implements Handler {
    private static final System.Logger LOG = System.getLogger(EdgeHandler.class.getName());

    private final Router router;
    private final FilterChain chain;
    private final UsageSink usage;
    private final Supplier<String> requestIds;
    private final Clock clock;

    public EdgeHandler(Router router, FilterChain chain, UsageSink usage, Supplier<String> requestIds, Clock clock) {
        this.router = router;
        this.chain = chain;
        this.usage = usage;
        this.requestIds = requestIds;
        this.clock = clock;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        long start = System.nanoTime();
        handle(new HelidonInbound(req), new HelidonDownstream(res), start);
    }

    /** The whole life of one request, independent of the server underneath. */
    public void handle(InboundRequest request, Downstream downstream, long startNanos) {
        Router.Route route = router.route(request);
        if (route instanceof Router.Route.NotFound notFound) {
            GatewayError error = GatewayError.of(GatewayError.Kind.NOT_FOUND, notFound.message()).withCode("not_found");
            downstream.send(error.status(), "application/json; charset=UTF-8", notFound.protocol().errorBody(error));
            return;
        }
        Endpoint endpoint = ((Router.Route.Found) route).endpoint();
        Exchange exchange = new Exchange(requestIds.get(), endpoint, request, downstream, clock.instant(), startNanos);
        try {
            chain.run(exchange, ex -> ex.endpoint().serve(ex));
        } catch (GatewayException e) {
            fail(exchange, e.error());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "request " + exchange.requestId() + " failed inside Junction", e);
            fail(exchange, GatewayError.of(GatewayError.Kind.INTERNAL,
                    "Junction failed to handle the request (request id " + exchange.requestId() + ")."));
        } finally {
            complete(exchange);
        }
    }

    private static void fail(Exchange exchange, GatewayError error) {
        GatewayError scrubbed = exchange.upstream().map(u -> error.withMessage(u.scrub(error.message()))).orElse(error);
        exchange.error(scrubbed);
        if (exchange.downstream().committed()) {
            return; // mid-stream: the relay has already told the client in-band
        }
        exchange.status(scrubbed.status());
        scrubbed.retryAfter().ifPresent(d -> exchange.downstream().header("Retry-After",
                Long.toString(Math.max(1, (d.toMillis() + 999) / 1000))));
        try {
            exchange.downstream().send(scrubbed.status(), "application/json; charset=UTF-8",
                    exchange.protocol().errorBody(scrubbed));
        } catch (RuntimeException e) {
            exchange.clientGone(true);
        }
    }

    private void complete(Exchange exchange) {
        for (Consumer<Exchange> action : exchange.completions()) {
            try {
                action.accept(exchange);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "completing request " + exchange.requestId() + " failed", e);
            }
        }
        usage.accept(UsageRecords.of(exchange, System.nanoTime(), exchange.costMicros()));
    }
}
