package dev.junction.gateway.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.gateway.access.ModelAllowlist;
import dev.junction.gateway.providers.ModelLister;
import dev.junction.gateway.providers.Provider;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import io.vertx.core.Future;
import java.io.IOException;
import dev.junction.gateway.config.UpstreamSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models the upstreams offer, as Gemini {@code Model} objects (the richer of the two list
 * shapes; the OpenAI door keeps only ids), kept for a few minutes. An upstream that lists its
 * models (Gemini) is asked, lazily (start-up never waits for a vendor), and only the models it
 * is configured to serve are kept; for the others, the exact names of its {@code models} stand.
 * Aliases of {@code model_map} are listed under their alias. When a refresh fails, the last good
 * list is served.
 */
public final class ModelCatalog {
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final int MAX_PAGES = 20;
    private static final int MAX_BODY = 16 * 1024 * 1024;

    /** One model and the upstream that serves it. */
    public record Entry(String upstream, String kind, String id, ObjectNode model) {}

    private record Listing(List<Entry> entries, Instant fetchedAt) {}

    private final java.util.function.Supplier<Upstreams> upstreams;
    private final Clock clock;
    private final Map<UpstreamSettings, Listing> listings = new ConcurrentHashMap<>();

    /** @param upstreams the upstreams in use now (they change when the configuration is reloaded) */
    public ModelCatalog(java.util.function.Supplier<Upstreams> upstreams, Clock clock) {
        this.upstreams = upstreams;
        this.clock = clock;
    }

    /** Every model of every upstream, in upstream order; fails only when no upstream could list any. */
    public Future<List<Entry>> all() {
        List<Future<List<Entry>>> listed = new ArrayList<>();
        List<Upstreams.Upstream> now = upstreams.get().all();
        listings.keySet().removeIf(settings -> now.stream().noneMatch(u -> u.settings() == settings));
        for (Upstreams.Upstream upstream : now) {
            listed.add(listing(upstream));
        }
        return Future.join(listed).transform(done -> {
            List<Entry> all = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            Throwable failure = null;
            for (Future<List<Entry>> one : listed) {
                if (one.succeeded()) {
                    one.result().stream().filter(e -> seen.add(e.id())).forEach(all::add);
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

    private Future<List<Entry>> listing(Upstreams.Upstream upstream) {
        Optional<ModelLister> lister = upstream.provider().lister();
        if (lister.isEmpty()) {
            return Future.succeededFuture(configured(upstream, List.of()));
        }
        UpstreamSettings name = upstream.settings();
        Listing cached = listings.get(name);
        Instant now = clock.instant();
        if (cached != null && cached.fetchedAt().plus(TTL).isAfter(now)) {
            return Future.succeededFuture(cached.entries());
        }
        return fetch(upstream, lister.get(), "", new ArrayList<>(), 0)
                .map(listed -> configured(upstream, listed))
                .onSuccess(fresh -> listings.put(name, new Listing(fresh, now)))
                .recover(e -> cached != null ? Future.succeededFuture(cached.entries()) : Future.failedFuture(e));
    }

    /** What the vendor listed, plus aliases and exact configured names it did not list. */
    private static List<Entry> configured(Upstreams.Upstream upstream, List<Entry> listed) {
        List<Entry> entries = new ArrayList<>(listed);
        Set<String> ids = new LinkedHashSet<>();
        listed.forEach(e -> ids.add(e.id()));
        upstream.settings().modelMap().forEach((alias, target) -> {
            if (ids.add(alias)) {
                ObjectNode model = listed.stream().filter(e -> e.id().equals(target)).findFirst()
                        .map(e -> e.model().deepCopy()).orElseGet(() -> describe(target));
                model.put("name", "models/" + alias);
                entries.add(entry(upstream, alias, model));
            }
        });
        for (String name : upstream.settings().models()) {
            if (!name.contains("*") && ids.add(name)) {
                entries.add(entry(upstream, name, describe(name)));
            }
        }
        return List.copyOf(entries);
    }

    private static Entry entry(Upstreams.Upstream upstream, String id, ObjectNode model) {
        return new Entry(upstream.settings().name(), upstream.provider().kind(), id, model);
    }

    /** A model known only by name, in Gemini's shape. */
    private static ObjectNode describe(String id) {
        ObjectNode model = Json.MAPPER.createObjectNode();
        model.put("name", "models/" + id);
        model.put("displayName", id);
        model.putArray("supportedGenerationMethods").add("generateContent").add("streamGenerateContent");
        return model;
    }

    private static Future<List<Entry>> fetch(Upstreams.Upstream upstream, ModelLister lister, String pageToken,
            List<Entry> entries, int page) {
        return fetchPage(upstream.provider(), lister, pageToken).compose(body -> {
            for (JsonNode model : body.path("models")) {
                String name = model.path("name").asText("");
                String id = name.startsWith("models/") ? name.substring("models/".length()) : name;
                if (!id.isEmpty() && model.isObject() && upstream.vendorModel(id).filter(id::equals).isPresent()) {
                    entries.add(entry(upstream, id, (ObjectNode) model));
                }
            }
            String next = body.path("nextPageToken").asText("");
            return next.isEmpty() || page + 1 >= MAX_PAGES ? Future.succeededFuture(List.copyOf(entries))
                    : fetch(upstream, lister, next, entries, page + 1);
        });
    }

    private static Future<JsonNode> fetchPage(Provider provider, ModelLister lister, String pageToken) {
        return provider.credentials().next()
                .compose(credential -> provider.transport().send(lister.page(pageToken, credential)))
                .compose(response -> {
                    int status = response.status();
                    return response.readAll(MAX_BODY).compose(body -> {
                        if (status != 200) {
                            return Future.failedFuture(new GatewayException(
                                    provider.decodeError(status, body, response.header("Retry-After"))));
                        }
                        try {
                            return Future.succeededFuture(Json.MAPPER.readTree(body));
                        } catch (IOException e) {
                            return Future.failedFuture(new GatewayException(GatewayError.of(
                                    GatewayError.Kind.UPSTREAM_ERROR,
                                    "The upstream '" + provider.name() + "' sent an unreadable model list."), e));
                        }
                    });
                });
    }
}
