package dev.junction.gateway.edge.gemini;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.gateway.edge.ClientProtocol;
import dev.junction.gateway.edge.Endpoint;
import dev.junction.gateway.edge.Exchange;
import dev.junction.gateway.provider.ModelCatalog;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v1beta/models} and {@code GET /v1beta/models/{model}} in Google's shape: the
 * models of every upstream that the caller's token may use, with Google's paging
 * ({@code pageSize}, {@code pageToken}, {@code nextPageToken}).
 */
public final class GeminiModelsEndpoint implements Endpoint {
    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 1000;

    private final ModelCatalog catalog;
    private final Optional<String> model;

    public GeminiModelsEndpoint(ModelCatalog catalog, Optional<String> model) {
        this.catalog = catalog;
        this.model = model;
    }

    @Override
    public ClientProtocol protocol() {
        return ClientProtocol.GEMINI;
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
                .onSuccess(visible -> exchange.attempt(() -> answer(exchange, visible)))
                .onFailure(exchange::fail);
    }

    private void answer(Exchange exchange, List<ModelCatalog.Entry> visible) {
        if (model.isPresent()) {
            ModelCatalog.Entry entry = visible.stream().filter(e -> e.id().equals(model.get())).findFirst()
                    .orElseThrow(() -> new GatewayException(GatewayError.of(GatewayError.Kind.NOT_FOUND,
                            "models/" + model.get() + " is not found for API version v1beta, or is not supported "
                                    + "here. Call ListModels to see the list of available models.")));
            send(exchange, entry.model());
            return;
        }
        int pageSize = exchange.request().query("pageSize").map(GeminiModelsEndpoint::pageSize).orElse(DEFAULT_PAGE);
        int offset = exchange.request().query("pageToken").map(GeminiModelsEndpoint::offset).orElse(0);
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode models = body.putArray("models");
        int end = Math.min(visible.size(), offset + pageSize);
        for (int i = offset; i < end; i++) {
            models.add(visible.get(i).model());
        }
        if (end < visible.size()) {
            body.put("nextPageToken", Integer.toString(end));
        }
        send(exchange, body);
    }

    private static int pageSize(String value) {
        try {
            int size = Integer.parseInt(value);
            return size <= 0 ? DEFAULT_PAGE : Math.min(size, MAX_PAGE);
        } catch (NumberFormatException e) {
            throw new GatewayException(GatewayError.invalid("pageSize", "pageSize must be a whole number."));
        }
    }

    private static int offset(String token) {
        try {
            int offset = Integer.parseInt(token);
            if (offset < 0) {
                throw new NumberFormatException();
            }
            return offset;
        } catch (NumberFormatException e) {
            throw new GatewayException(GatewayError.invalid("pageToken", "pageToken is not one this server issued."));
        }
    }

    private static void send(Exchange exchange, ObjectNode body) {
        try {
            exchange.status(200);
            exchange.downstream().send(200, "application/json; charset=UTF-8",
                    Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(body));
            exchange.finish();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
