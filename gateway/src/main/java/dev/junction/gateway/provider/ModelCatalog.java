package dev.junction.gateway.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models the upstreams offer, as Gemini {@code Model} objects, kept for a few minutes.
 * Listed lazily (start-up never waits for a vendor) and only the models an upstream is
 * configured to serve. When a refresh fails, the last good list is served.
 */
public final class ModelCatalog {
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final int MAX_PAGES = 20;
    private static final int MAX_BODY = 16 * 1024 * 1024;

    /** One model and the upstream that serves it. */
    public record Entry(Upstream upstream, String id, ObjectNode model) {}

    private record Listing(List<Entry> entries, Instant fetchedAt) {}

    private final UpstreamRegistry upstreams;
    private final Clock clock;
    private final Map<String, Listing> listings = new ConcurrentHashMap<>();

    public ModelCatalog(UpstreamRegistry upstreams, Clock clock) {
        this.upstreams = upstreams;
        this.clock = clock;
    }

    /** Every model of every upstream, in upstream order. */
    public List<Entry> all() {
        List<Entry> all = new ArrayList<>();
        GatewayException failure = null;
        for (Upstream upstream : upstreams.all()) {
            try {
                all.addAll(listing(upstream));
            } catch (GatewayException e) {
                failure = e;
            }
        }
        if (all.isEmpty() && failure != null) {
            throw failure;
        }
        return all;
    }

    public Optional<Entry> find(String id) {
        String bare = id.startsWith("models/") ? id.substring("models/".length()) : id;
        return all().stream().filter(e -> e.id().equals(bare)).findFirst();
    }

    private List<Entry> listing(Upstream upstream) {
        Listing cached = listings.get(upstream.name());
        Instant now = clock.instant();
        if (cached != null && cached.fetchedAt().plus(TTL).isAfter(now)) {
            return cached.entries();
        }
        try {
            List<Entry> fresh = fetch(upstream);
            listings.put(upstream.name(), new Listing(fresh, now));
            return fresh;
        } catch (GatewayException e) {
            if (cached != null) {
                return cached.entries();
            }
            throw e;
        }
    }

    private static List<Entry> fetch(Upstream upstream) {
        List<Entry> entries = new ArrayList<>();
        String pageToken = "";
        for (int page = 0; page < MAX_PAGES; page++) {
            JsonNode body = fetchPage(upstream, pageToken);
            for (JsonNode model : body.path("models")) {
                String name = model.path("name").asText("");
                String id = name.startsWith("models/") ? name.substring("models/".length()) : name;
                if (!id.isEmpty() && model.isObject() && upstream.serves(id)) {
                    entries.add(new Entry(upstream, id, (ObjectNode) model));
                }
            }
            pageToken = body.path("nextPageToken").asText("");
            if (pageToken.isEmpty()) {
                break;
            }
        }
        return List.copyOf(entries);
    }

    private static JsonNode fetchPage(Upstream upstream, String pageToken) {
        try (UpstreamResponse response = upstream.transport().send(upstream.listModelsCall(pageToken))) {
            byte[] body = response.readAll(MAX_BODY);
            if (response.status() != 200) {
                throw new GatewayException(upstream.decodeError(response.status(), body));
            }
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new GatewayException(GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR,
                    "The upstream '" + upstream.name() + "' sent an unreadable model list."), e);
        }
    }
}
