package dev.junction.gateway.edge.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.gateway.config.UpstreamSettings;
import dev.junction.gateway.edge.ClientProtocol;
import dev.junction.gateway.edge.ModelsEndpoint;
import dev.junction.gateway.provider.GeminiUpstream;
import dev.junction.gateway.provider.ModelCatalog;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v1/models} and {@code GET /v1/models/{id}} in OpenAI's shape: ids without the
 * {@code models/} prefix, {@code owned_by} naming who serves it ({@code junction-mock} for the
 * built-in mock, so nobody mistakes it for a real model). Gemini gives no creation time; 0 says so.
 */
public final class OpenAiModelsEndpoint extends ModelsEndpoint {

    public OpenAiModelsEndpoint(ModelCatalog catalog, Optional<String> model) {
        super(catalog, model);
    }

    @Override
    public ClientProtocol protocol() {
        return ClientProtocol.OPENAI;
    }

    @Override
    protected byte[] render(List<ModelCatalog.Entry> visible) {
        ObjectNode body;
        if (model().isPresent()) {
            String id = model().get();
            body = view(visible.stream().filter(e -> e.id().equals(id)).findFirst()
                    .orElseThrow(() -> new GatewayException(GatewayError.of(GatewayError.Kind.NOT_FOUND,
                            "The model '" + id + "' does not exist or you do not have access to it.")
                            .withParam("model"))));
        } else {
            body = Json.MAPPER.createObjectNode();
            body.put("object", "list");
            ArrayNode data = body.putArray("data");
            visible.forEach(e -> data.add(view(e)));
        }
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
