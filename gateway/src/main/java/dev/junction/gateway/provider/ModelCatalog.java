package dev.junction.gateway.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.gateway.access.ModelAllowlist;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import io.vertx.core.Future;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    /** Every model of every upstream, in upstream order; fails only when no upstream could list any. */
    public Future<List<Entry>> all() {
        List<Future<List<Entry>>> listed = new ArrayList<>();
        for (Upstream upstream : upstreams.all()) {
            listed.add(listing(upstream));
        }
        return Future.join(listed).transform(done -> {
            List<Entry> all = new ArrayList<>();
            Throwable failure = null;
            for (Future<List<Entry>> one : listed) {
                if (one.succeeded()) {
                    all.addAll(one.result());
                } else {
                    failure = one.cause();
                }
            }
            return all.isEmpty() && failure != null ? Future.failedFuture(failure) : Future.succeededFuture(all);
        });
    }

    /** The models {@code allowed} lets a token see. */
    public Future<List<Entry>> visible(ModelAllowlist allowed) {
        return all().map(entries -> entries.stream().filter(e -> allowed.allows(e.id())).toList());
    }

    private Future<List<Entry>> listing(Upstream upstream) {
        Listing cached = listings.get(upstream.name());
        Instant now = clock.instant();
        if (cached != null && cached.fetchedAt().plus(TTL).isAfter(now)) {
            return Future.succeededFuture(cached.entries());
        }
        return fetch(upstream, "", new ArrayList<>(), 0)
                .onSuccess(fresh -> listings.put(upstream.name(), new Listing(fresh, now)))
                .recover(e -> cached != null ? Future.succeededFuture(cached.entries()) : Future.failedFuture(e));
    }

    private static Future<List<Entry>> fetch(Upstream upstream, String pageToken, List<Entry> entries, int page) {
        return fetchPage(upstream, pageToken).compose(body -> {
            for (JsonNode model : body.path("models")) {
                String name = model.path("name").asText("");
                String id = name.startsWith("models/") ? name.substring("models/".length()) : name;
                if (!id.isEmpty() && model.isObject() && upstream.serves(id)) {
                    entries.add(new Entry(upstream, id, (ObjectNode) model));
                }
            }
            String next = body.path("nextPageToken").asText("");
            return next.isEmpty() || page + 1 >= MAX_PAGES ? Future.succeededFuture(List.copyOf(entries))
                    : fetch(upstream, next, entries, page + 1);
        });
    }

    private static Future<JsonNode> fetchPage(Upstream upstream, String pageToken) {
        return upstream.transport().send(upstream.listModelsCall(pageToken)).compose(response -> {
            int status = response.status();
            return response.readAll(MAX_BODY).compose(body -> {
                if (status != 200) {
                    return Future.failedFuture(new GatewayException(upstream.decodeError(status, body)));
                }
                try {
                    return Future.succeededFuture(Json.MAPPER.readTree(body));
                } catch (IOException e) {
                    return Future.failedFuture(new GatewayException(GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR,
                            "The upstream '" + upstream.name() + "' sent an unreadable model list."), e));
                }
            });
        });
    }
}
