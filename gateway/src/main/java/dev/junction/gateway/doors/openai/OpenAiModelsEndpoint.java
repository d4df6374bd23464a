package dev.junction.gateway.doors.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.gateway.context.ClientApi;
import dev.junction.gateway.doors.ModelsEndpoint;
import dev.junction.gateway.routing.ModelCatalog;
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
final class OpenAiModelsEndpoint extends ModelsEndpoint {
    /** Who owns the models of each kind of upstream, as OpenAI's {@code owned_by} says it. */
    private static final java.util.Map<String, String> OWNERS = java.util.Map.of(
            "gemini", "google", "vertex", "google", "mock", "junction-mock", "anthropic", "anthropic");

    OpenAiModelsEndpoint(ModelCatalog catalog, Optional<String> model) {
        super(catalog, model);
    }

    @Override
    public ClientApi api() {
        return OpenAiApi.INSTANCE;
    }

    @Override
    protected byte[] render(List<ModelCatalog.Entry> visible) {
        ObjectNode body;
        if (model().isPresent()) {
            String id = model().get();
            body = view(visible.stream().filter(e -> e.id().equals(id)).findFirst()
                    .orElseThrow(() -> new GatewayException(GatewayError.of(GatewayError.Kind.NOT_FOUND,
                            "The model '" + Json.brief(id) + "' does not exist or you do not have access to it.")
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
        // An OpenAI-compatible upstream may be any vendor: the operator's name for it says which.
        model.put("owned_by", entry.kind().equals("openai") ? entry.upstream()
                : OWNERS.getOrDefault(entry.kind(), entry.kind()));
        return model;
    }
}
