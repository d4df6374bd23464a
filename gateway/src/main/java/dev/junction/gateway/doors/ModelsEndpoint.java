package dev.junction.gateway.doors;

import dev.junction.gateway.context.Endpoint;
import dev.junction.gateway.context.Exchange;
import dev.junction.gateway.routing.ModelCatalog;
import java.util.List;
import java.util.Optional;

/**
 * Listing models, or getting one, in either protocol: the models every upstream offers that
 * the caller's token may use. Subclasses only render them.
 */
public abstract class ModelsEndpoint implements Endpoint {
    private final ModelCatalog catalog;
    private final Optional<String> model;

    /** @param model the model asked for, without a {@code models/} prefix; empty for the list */
    protected ModelsEndpoint(ModelCatalog catalog, Optional<String> model) {
        this.catalog = catalog;
        this.model = model.map(m -> m.startsWith("models/") ? m.substring("models/".length()) : m);
    }

    protected Optional<String> model() {
        return model;
    }

    @Override
    public String name() {
        return model.isPresent() ? "models.get" : "models.list";
    }

    @Override
    public boolean generates() {
        return false;
    }

    @Override
    public boolean hasBody() {
        return false;
    }

    @Override
    public void read(Exchange exchange, byte[] body) {
        model.ifPresent(exchange::model);
    }

    @Override
    public void serve(Exchange exchange) {
        catalog.visible(exchange.token().orElseThrow().models())
                .onSuccess(visible -> exchange.attempt(() -> {
                    byte[] body = render(visible);
                    exchange.status(200);
                    exchange.downstream().send(200, "application/json; charset=UTF-8", body);
                    exchange.finish();
                }))
                .onFailure(exchange::fail);
    }

    /**
     * The answer's body.
     *
     * @throws dev.junction.protocol.model.GatewayException {@code NOT_FOUND} when one model was
     *     asked for and it is not among {@code visible}
     */
    protected abstract byte[] render(List<ModelCatalog.Entry> visible);
}
