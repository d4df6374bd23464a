package dev.junction.gateway.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.gateway.edge.Exchange;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterChainTest {
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
        chain.run(null, ex -> seen.add("terminal"));
        assertThat(seen).containsExactly("a", "b", "terminal", "a-after");
    }

    @Test
    void aFilterThatNeitherProceedsNorFailsIsABug() {
        GatewayFilter silent = (ex, next) -> {};
        FilterChain chain = new FilterChain(List.of(silent));
        assertThatThrownBy(() -> chain.run(null, ex -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("neither proceeded nor failed");
    }

    @Test
    void proceedingTwiceIsABug() {
        GatewayFilter twice = (ex, next) -> {
            next.proceed();
            next.proceed();
        };
        List<Exchange> terminals = new ArrayList<>();
        assertThatThrownBy(() -> new FilterChain(List.of(twice)).run(null, terminals::add))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("proceeded twice");
        assertThat(terminals).hasSize(1);
    }

    @Test
    void aFailureStopsTheChain() {
        List<String> seen = new ArrayList<>();
        FilterChain chain = new FilterChain(List.of((ex, next) -> {
            throw new IllegalArgumentException("stop");
        }));
        assertThatThrownBy(() -> chain.run(null, ex -> seen.add("terminal"))).hasMessage("stop");
        assertThat(seen).isEmpty();
    }
}
