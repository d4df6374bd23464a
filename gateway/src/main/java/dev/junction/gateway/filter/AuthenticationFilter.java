package dev.junction.gateway.filter;

import dev.junction.gateway.access.TokenRegistry;
import dev.junction.gateway.context.Exchange;
import dev.junction.gateway.context.InboundRequest;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the client's token in any of the places clients put it: {@code Authorization: Bearer}
 * (OpenAI SDKs, curl), {@code x-goog-api-key} (Google GenAI SDKs), {@code x-api-key}
 * (Anthropic SDKs) or {@code ?key=} (Google's REST samples), and checks it against the in-memory
 * registry.
 */
public final class AuthenticationFilter implements GatewayFilter {
    private final TokenRegistry registry;

    public AuthenticationFilter(TokenRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void filter(Exchange exchange, Chain chain) {
        exchange.token(registry.authenticate(presentedToken(exchange.request()).orElse(null)));
        chain.proceed();
    }

    static Optional<String> presentedToken(InboundRequest request) {
        Optional<String> bearer = request.header("Authorization").flatMap(AuthenticationFilter::bearer);
        if (bearer.isPresent()) {
            return bearer;
        }
        Optional<String> goog = request.header("x-goog-api-key").map(String::trim).filter(s -> !s.isEmpty());
        if (goog.isPresent()) {
            return goog;
        }
        Optional<String> anthropic = request.header("x-api-key").map(String::trim).filter(s -> !s.isEmpty());
        if (anthropic.isPresent()) {
            return anthropic;
        }
        return request.query("key").map(String::trim).filter(s -> !s.isEmpty());
    }

    private static Optional<String> bearer(String header) {
        String value = header.trim();
        if (value.length() > 7 && value.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return Optional.of(value.substring(7).trim()).filter(s -> !s.isEmpty());
        }
        return Optional.empty();
    }
}
