package dev.junction.gateway.edge.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.gateway.config.UpstreamSettings;
import dev.junction.gateway.edge.ClientProtocol;
import dev.junction.gateway.edge.Endpoint;
import dev.junction.gateway.edge.Exchange;
import dev.junction.gateway.provider.GeminiUpstream;
import dev.junction.gateway.provider.ModelCatalog;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v1/models} and {@code GET /v1/models/{id}} in OpenAI's shape: ids without the
 * {@code models/} prefix, {@code owned_by} naming who serves it ({@code junction-mock} for the
 * built-in mock, so nobody mistakes it for a real model). Gemini gives no creation time; 0 says so.
 */
public final class OpenAiModelsEndpoint implements Endpoint {
    private final ModelCatalog catalog;
    private final Optional<String> model;

    public OpenAiModelsEndpoint(ModelCatalog catalog, Optional<String> model) {
        this.catalog = catalog;
        this.model = model.map(m -> m.startsWith("models/") ? m.substring("models/".length()) : m);
    }

    @Override
    public ClientProtocol protocol() {
        return ClientProtocol.OPENAI;
    }

    @Override
    public String name() {
        return model.isPresent() ? "models.retrieve" : "models.list";
    }

    @Override
    public boolean generates() {
        return false;
    }

    @Override
    public void read(Exchange exchange) {
        model.ifPresent(exchange::model);
    }

    @Override
    public void serve(Exchange exchange) {
        List<ModelCatalog.Entry> visible = catalog.all().stream()
                .filter(e -> exchange.token().orElseThrow().models().allows(e.id()))
                .toList();
        ObjectNode body;
        if (model.isPresent()) {
            ModelCatalog.Entry entry = visible.stream().filter(e -> e.id().equals(model.get())).findFirst()
                    .orElseThrow(() -> new GatewayException(GatewayError.of(GatewayError.Kind.NOT_FOUND,
                            "The model '" + model.get() + "' does not exist or you do not have access to it.")
                            .withParam("model")));
            body = view(entry);
        } else {
            body = Json.MAPPER.createObjectNode();
            body.put("object", "list");
            ArrayNode data = body.putArray("data");
            visible.forEach(e -> data.add(view(e)));
        }
        try {
            exchange.status(200);
            exchange.downstream().send(200, "application/json", Json.MAPPER.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode view(ModelCatalog.Entry entry) {
        ObjectNode model = Json.MAPPER.createObjectNode();
        model.put("id", entry.id());
        model.put("object", "model");
        model.put("created", 0);
        boolean mock = entry.upstream() instanceof GeminiUpstream g
                && g.settings().type() == UpstreamSettings.UpstreamType.MOCK;
        model.put("owned_by", mock ? "junction-mock" : "google");
        return model;
    }
}
