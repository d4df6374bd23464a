package dev.junction.gateway.filter;

import dev.junction.gateway.access.Token;
import dev.junction.gateway.context.Exchange;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;

/** What a valid token may do: which client addresses may use it, and which models. */
public final class KeyPolicyFilter implements GatewayFilter {
    @Override
    public void filter(Exchange exchange, Chain chain) {
        Token token = exchange.token().orElseThrow();
        if (!token.cidrs().isEmpty()) {
            String address = exchange.request().remoteAddress();
            boolean allowed = token.cidrs().stream().anyMatch(c -> c.contains(address));
            if (!allowed) {
                throw new GatewayException(GatewayError.of(GatewayError.Kind.PERMISSION_DENIED,
                        "The token '" + token.name() + "' may not be used from " + address + ".")
                        .withCode("address_not_allowed"));
            }
        }
        exchange.model().ifPresent(model -> {
            if (!token.models().allows(model)) {
                throw new GatewayException(GatewayError.of(GatewayError.Kind.PERMISSION_DENIED,
                        "The token '" + token.name() + "' may not use the model '" + Json.brief(model) + "'.")
                        .withCode("model_not_allowed").withParam("model"));
            }
        });
        chain.proceed();
    }
}
