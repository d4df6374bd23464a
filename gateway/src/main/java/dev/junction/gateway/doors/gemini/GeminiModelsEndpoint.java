package dev.junction.gateway.doors.gemini;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.gateway.context.ClientApi;
import dev.junction.gateway.context.Exchange;
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
 * {@code GET /v1beta/models} and {@code GET /v1beta/models/{model}} in Google's shape, with
 * Google's paging ({@code pageSize}, {@code pageToken}, {@code nextPageToken}).
 */
final class GeminiModelsEndpoint extends ModelsEndpoint {
    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 1000;

    private int pageSize = DEFAULT_PAGE;
    private int offset;

    GeminiModelsEndpoint(ModelCatalog catalog, Optional<String> model) {
        super(catalog, model);
    }

    @Override
    public ClientApi api() {
        return GeminiApi.INSTANCE;
    }

    @Override
    public void read(Exchange exchange, byte[] body) {
        super.read(exchange, body);
        pageSize = exchange.request().query("pageSize").map(GeminiModelsEndpoint::pageSize).orElse(DEFAULT_PAGE);
        offset = exchange.request().query("pageToken").map(GeminiModelsEndpoint::offset).orElse(0);
    }

    @Override
    protected byte[] render(List<ModelCatalog.Entry> visible) {
        if (model().isPresent()) {
            String id = model().get();
            return json(visible.stream().filter(e -> e.id().equals(id)).findFirst()
                    .orElseThrow(() -> new GatewayException(GatewayError.of(GatewayError.Kind.NOT_FOUND,
                            "models/" + Json.brief(id) + " is not found for API version v1beta, or is not supported here. "
                                    + "Call ListModels to see the list of available models.")))
                    .model());
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode models = body.putArray("models");
        int end = Math.min(visible.size(), offset + pageSize);
        for (int i = offset; i < end; i++) {
            models.add(visible.get(i).model());
        }
        if (end < visible.size()) {
            body.put("nextPageToken", Integer.toString(end));
        }
        return json(body);
    }

    private static byte[] json(ObjectNode body) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
}
