package dev.junction.gateway.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.doors.openai.OpenAiApi;
import dev.junction.gateway.context.ClientApi;
import dev.junction.gateway.context.Downstream;
import dev.junction.gateway.context.Endpoint;
import dev.junction.gateway.context.Exchange;
import dev.junction.gateway.context.InboundRequest;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FilterChainTest {
    private final List<String> sent = new ArrayList<>();
    private final List<Exchange> ended = new ArrayList<>();

    private Exchange exchange() {
        Endpoint endpoint = new Endpoint() {
            public ClientApi api() {
                return OpenAiApi.INSTANCE;
            }

            public String name() {
                return "test";
            }

            public boolean generates() {
                return false;
            }

            public boolean hasBody() {
                return false;
            }

            public void read(Exchange exchange, byte[] body) {}

            public void serve(Exchange exchange) {}
        };
        InboundRequest request = new InboundRequest() {
            public String method() {
                return "GET";
            }

            public String path() {
                return "/";
            }

            public Optional<String> query(String name) {
                return Optional.empty();
            }

            public Optional<String> header(String name) {
                return Optional.empty();
            }

            public String remoteAddress() {
                return "127.0.0.1";
            }

            public Future<byte[]> body(long maxBytes) {
                return Future.succeededFuture(new byte[0]);
            }
        };
        Downstream downstream = new Downstream() {
            public void header(String name, String value) {}

            public void send(int status, String contentType, byte[] body) {
                sent.add(status + " " + new String(body));
            }

            public void open(int status, String contentType) {}

            public void write(byte[] chunk) {}

            public void end() {}

            public boolean committed() {
                return !sent.isEmpty();
            }

            public boolean writeQueueFull() {
                return false;
            }

            public void onDrain(Runnable action) {}

            public void onClose(Runnable action) {}
        };
        return new Exchange("req_1", endpoint, request, downstream, Instant.EPOCH, 0, ended::add);
    }

    @Test
    void runsFiltersInOrderThenTheTerminal() {
        List<String> seen = new ArrayList<>();
        FilterChain chain = new FilterChain(List.of(
                (ex, next) -> {
                    seen.add("a");
                    next.proceed();
                    seen.add("a-after");
                },
                (ex, next) -> {
                    seen.add("b");
                    next.proceed();
                }));
        chain.run(exchange(), ex -> seen.add("terminal"));
        assertThat(seen).containsExactly("a", "b", "terminal", "a-after");
        assertThat(sent).isEmpty();
    }

    @Test
    void aFilterThatNeitherProceedsNorFailsIsABugAnsweredAs500() {
        GatewayFilter silent = (ex, next) -> {};
        new FilterChain(List.of(silent)).run(exchange(), ex -> {});
        assertThat(sent).singleElement().asString().startsWith("500 ");
        assertThat(ended).hasSize(1);
    }

    @Test
    void proceedingTwiceIsABug() {
        GatewayFilter twice = (ex, next) -> {
            next.proceed();
            next.proceed();
        };
        List<Exchange> terminals = new ArrayList<>();
        new FilterChain(List.of(twice)).run(exchange(), terminals::add);
        assertThat(terminals).hasSize(1);
        assertThat(sent).singleElement().asString().startsWith("500 ");
    }

    @Test
    void aFailureStopsTheChainAndIsAnsweredInTheCallersProtocol() {
        List<String> seen = new ArrayList<>();
        FilterChain chain = new FilterChain(List.of((ex, next) -> {
            throw new GatewayException(GatewayError.of(GatewayError.Kind.RATE_LIMITED, "slow down"));
        }));
        chain.run(exchange(), ex -> seen.add("terminal"));
        assertThat(seen).isEmpty();
        assertThat(sent).singleElement().asString().startsWith("429 ").contains("rate_limit_exceeded");
        assertThat(ended).hasSize(1);
    }

    @Test
    void aSuspendedFilterProceedsLater() {
        List<String> seen = new ArrayList<>();
        List<GatewayFilter.Chain> parked = new ArrayList<>();
        FilterChain chain = new FilterChain(List.of((ex, next) -> parked.add(next.suspend())));
        chain.run(exchange(), ex -> seen.add("terminal"));
        assertThat(seen).isEmpty();
        assertThat(sent).isEmpty();
        parked.get(0).proceed();
        assertThat(seen).containsExactly("terminal");
    }
}
