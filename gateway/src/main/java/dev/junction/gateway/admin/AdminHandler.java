package dev.junction.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.gateway.access.IssuedToken;
import dev.junction.gateway.access.NewToken;
import dev.junction.gateway.access.Token;
import dev.junction.gateway.access.TokenChanges;
import dev.junction.gateway.access.AdminToken;
import dev.junction.gateway.access.TokenStore;
import dev.junction.gateway.audit.AuditEntry;
import dev.junction.gateway.audit.AuditLog;
import dev.junction.gateway.limits.BudgetLedger;
import dev.junction.gateway.routing.Upstreams;
import dev.junction.gateway.usage.UsagePage;
import dev.junction.gateway.usage.UsageQuery;
import dev.junction.gateway.usage.UsageRecord;
import dev.junction.gateway.usage.UsageStore;
import dev.junction.gateway.usage.UsageSummary;
import dev.junction.gateway.usage.UsageWriter;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.openai.OpenAiErrors;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The admin API, {@code /admin/v1/...}, for operators and their tools. JSON in and out, errors
 * in OpenAI's shape. Every call needs {@code Authorization: Bearer <admin token>} (the
 * {@code admin_token} setting or {@code JUNCTION_ADMIN_TOKEN}), compared in constant time;
 * client tokens are never accepted. With no admin token configured every path answers 404 and
 * says how to enable it. Every change is written to the audit log before it is answered.
 *
 * <pre>
 * GET    /admin/v1/tokens                     list
 * POST   /admin/v1/tokens                     create; the answer holds the secret, once
 * GET    /admin/v1/tokens/{name}              one token, with its spend in the current period
 * PATCH  /admin/v1/tokens/{name}              change limits, models, CIDRs, expiry, budget
 * DELETE /admin/v1/tokens/{name}              revoke (also POST /admin/v1/tokens/{name}/revoke)
 * GET    /admin/v1/usage?token=&amp;model=&amp;upstream=&amp;outcome=ok|error&amp;since=&amp;until=&amp;limit=&amp;cursor=   records, newest first
 * GET    /admin/v1/usage/summary?by=token|model|upstream|none&amp;per=hour|day&amp;since=&amp;until=&amp;token=&amp;model=&amp;upstream=&amp;outcome=
 * GET    /admin/v1/audit?since=&amp;limit=
 * GET    /admin/v1/status                     usage queue and limit backend
 * GET    /admin/v1/upstreams                  each upstream and key (masked): state, cooldown, in flight, errors
 * POST   /admin/v1/upstreams/{name}/reset     end its cooldown and its keys' rests now
 * </pre>
 */
public final class AdminHandler {
    private static final System.Logger LOG = System.getLogger(AdminHandler.class.getName());
    private static final String PREFIX = "/admin/v1";
    private static final int MAX_LIMIT = 1000;

    /** What the admin API works on. */
    public record Services(TokenStore tokens, Runnable refreshTokens, UsageStore usage, AuditLog audit,
            BudgetLedger budgets, Supplier<UsageWriter.Stats> writerStats, boolean sharedLimits,
            Supplier<Upstreams> upstreams) {}

    private final AdminToken adminToken;
    private final Services services;
    private final Clock clock;

    public AdminHandler(Optional<String> adminToken, Services services, Clock clock) {
        this.adminToken = new AdminToken(adminToken);
        this.services = services;
        this.clock = clock;
    }

    /**
     * The refusal for a caller without the admin token (or of every caller, with the admin API
     * off), decided from the {@code Authorization} header alone, so that a refused request's
     * body is never read. Cheap and non-blocking: safe on an event loop.
     */
    public Optional<AdminReply> refusal(Optional<String> authorization) {
        try {
            authenticate(authorization);
            return Optional.empty();
        } catch (AdminException e) {
            return Optional.of(reply(e));
        }
    }

    /** Answers one admin request. Blocking (it reads and writes the database): never call it on an event loop. */
    public AdminReply handle(AdminRequest req) {
        try {
            authenticate(req.authorization());
            Answer answer = route(req);
            return new AdminReply(answer.status(), Json.MAPPER.writeValueAsBytes(answer.body()));
        } catch (AdminException e) {
            return reply(e);
        } catch (RuntimeException | IOException e) {
            LOG.log(Level.ERROR, "admin request " + req.method() + " " + req.path() + " failed", e);
            return new AdminReply(500, OpenAiErrors.encode(GatewayError.of(GatewayError.Kind.INTERNAL,
                    "The admin request failed inside Junction: " + e.getMessage())));
        }
    }

    private record Answer(int status, JsonNode body) {}

    private static AdminReply reply(AdminException e) {
        GatewayError error = new GatewayError(kind(e.status()), e.getMessage(), e.param(),
                Optional.of(code(e.status())), Optional.empty());
        return new AdminReply(e.status(), OpenAiErrors.encode(error));
    }

    private void authenticate(Optional<String> authorization) {
        if (!adminToken.configured()) {
            throw new AdminException(404, "The admin API is disabled: set admin_token in the configuration or "
                    + "JUNCTION_ADMIN_TOKEN in the environment to enable it.");
        }
        if (!adminToken.accepts(authorization)) {
            throw new AdminException(401, "The admin API needs 'Authorization: Bearer <admin token>'; "
                    + "client tokens are not accepted here.");
        }
    }

    private Answer route(AdminRequest req) {
        String method = req.method();
        String path = req.path();
        String rest = path.length() > PREFIX.length() && path.startsWith(PREFIX + "/") ? path.substring(PREFIX.length())
                : "";
        if (rest.equals("/tokens")) {
            return switch (method) {
                case "GET" -> listTokens();
                case "POST" -> createToken(req);
                default -> throw notAllowed(method, path);
            };
        }
        if (rest.startsWith("/tokens/")) {
            String tail = rest.substring("/tokens/".length());
            if (tail.endsWith("/revoke")) {
                if (!method.equals("POST")) {
                    throw notAllowed(method, path);
                }
                return revoke(req, decode(tail.substring(0, tail.length() - "/revoke".length())));
            }
            String name = decode(tail);
            return switch (method) {
                case "GET" -> new Answer(200, tokenView(find(name)));
                case "PATCH" -> updateToken(req, name);
                case "DELETE" -> revoke(req, name);
                default -> throw notAllowed(method, path);
            };
        }
        if (rest.startsWith("/upstreams/") && rest.endsWith("/reset")) {
            if (!method.equals("POST")) {
                throw notAllowed(method, path);
            }
            return resetUpstream(req, decode(rest.substring("/upstreams/".length(), rest.length() - "/reset".length())));
        }
        if (method.equals("GET")) {
            switch (rest) {
                case "/upstreams" -> {
                    return new Answer(200, UpstreamsView.of(services.upstreams().get()));
                }
                case "/usage" -> {
                    return usage(req);
                }
                case "/usage/summary" -> {
                    return summary(req);
                }
                case "/audit" -> {
                    return audit(req);
                }
                case "/status" -> {
                    return status();
                }
                default -> {
                }
            }
        }
        throw new AdminException(404, "No admin route for " + method + " " + path + ".");
    }

    private Answer listTokens() {
        ArrayNode data = Json.MAPPER.createArrayNode();
        for (Token t : services.tokens().list()) {
            data.add(tokenView(t));
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("data", data);
        return new Answer(200, body);
    }

    private ObjectNode tokenView(Token t) {
        Optional<Long> spent = t.limits().budgetMicros().isPresent()
                ? Optional.of(services.budgets().spent(t, clock.instant())) : Optional.empty();
        return AdminJson.token(t, spent);
    }

    private Answer createToken(AdminRequest req) {
        JsonNode body = body(req);
        NewToken spec = TokenRequests.create(body);
        IssuedToken issued;
        try {
            issued = services.tokens().create(spec);
        } catch (IllegalArgumentException e) {
            throw new AdminException(409, e.getMessage(), "name");
        }
        audit(req, "token.create", issued.token().name(), body);
        services.refreshTokens().run();
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.set("token", tokenView(issued.token()));
        answer.put("secret", issued.secret());
        answer.put("note", "The secret is shown only this once; Junction keeps only its hash.");
        return new Answer(201, answer);
    }

    private Answer updateToken(AdminRequest req, String name) {
        JsonNode body = body(req);
        TokenChanges changes = TokenRequests.update(body);
        Token updated = services.tokens().update(name, changes)
                .orElseThrow(() -> new AdminException(404, "No token named '" + name + "'."));
        audit(req, "token.update", name, body);
        services.refreshTokens().run();
        return new Answer(200, tokenView(updated));
    }

    private Answer revoke(AdminRequest req, String name) {
        Token token = find(name);
        boolean changed = services.tokens().revoke(name);
        if (changed) {
            audit(req, "token.revoke", name, Json.MAPPER.createObjectNode());
            services.refreshTokens().run();
        }
        return new Answer(200, tokenView(services.tokens().byName(name).orElse(token)));
    }

    private Token find(String name) {
        return services.tokens().byName(name)
                .orElseThrow(() -> new AdminException(404, "No token named '" + name + "'."));
    }

    private Answer usage(AdminRequest req) {
        UsageQuery query = query(req);
        int limit = intParam(req, "limit", 100, 1, MAX_LIMIT);
        UsagePage page;
        try {
            page = services.usage().find(query, param(req, "cursor"), limit);
        } catch (IllegalArgumentException e) {
            throw AdminException.badRequest("cursor", e.getMessage());
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode data = body.putArray("data");
        for (UsageRecord r : page.records()) {
            data.add(AdminJson.record(r));
        }
        page.next().ifPresentOrElse(c -> body.put("next_cursor", c), () -> body.putNull("next_cursor"));
        return new Answer(200, body);
    }

    private Answer summary(AdminRequest req) {
        UsageQuery query = query(req);
        UsageSummary.GroupBy by = enumParam(req, "by", UsageSummary.GroupBy::parse, "token, model, upstream or none")
                .orElse(UsageSummary.GroupBy.NONE);
        Optional<UsageSummary.Period> per = enumParam(req, "per", UsageSummary.Period::parse, "hour or day");
        UsageSummary summary = services.usage().summarize(query, by, per);
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("since", query.since().toString());
        body.put("until", query.until().toString());
        body.put("by", by.name().toLowerCase(Locale.ROOT));
        per.ifPresentOrElse(p -> body.put("per", p.name().toLowerCase(Locale.ROOT)), () -> body.putNull("per"));
        ArrayNode rows = body.putArray("rows");
        for (UsageSummary.Row row : summary.rows()) {
            ObjectNode o = AdminJson.totals(row.totals());
            row.period().ifPresent(p -> o.put("period", p.toString()));
            if (by != UsageSummary.GroupBy.NONE) {
                o.put(by.name().toLowerCase(Locale.ROOT), row.key());
            }
            rows.add(o);
        }
        body.set("totals", AdminJson.totals(summary.totals()));
        return new Answer(200, body);
    }

    private Answer audit(AdminRequest req) {
        Instant since = param(req, "since").map(s -> TokenRequests.parseTime(s, "since"))
                .orElse(clock.instant().minus(Duration.ofDays(30)));
        int limit = intParam(req, "limit", 100, 1, MAX_LIMIT);
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode data = body.putArray("data");
        for (AuditEntry e : services.audit().since(since, limit)) {
            data.add(AdminJson.audit(e));
        }
        return new Answer(200, body);
    }

    /** Brings an upstream back now: its cooldown ends and its keys stop resting. */
    private Answer resetUpstream(AdminRequest req, String name) {
        Upstreams.Upstream upstream = services.upstreams().get().named(name)
                .orElseThrow(() -> new AdminException(404, "No upstream named '" + name + "'."));
        upstream.health().reset();
        upstream.provider().credentials().restore();
        return new Answer(200, UpstreamsView.of(services.upstreams().get()));
    }

    private Answer status() {
        UsageWriter.Stats s = services.writerStats().get();
        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode usage = body.putObject("usage_writer");
        usage.put("queued", s.queued());
        usage.put("written", s.written());
        usage.put("dropped", s.dropped());
        usage.put("failed_attempts", s.failures());
        usage.put("failing", s.failing());
        usage.put("rejected", s.rejected());
        usage.put("replayed", s.replayed());
        body.put("limits", services.sharedLimits() ? "redis" : "in-process");
        return new Answer(200, body);
    }

    private UsageQuery query(AdminRequest req) {
        // By default up to now inclusive, with a minute's slack for the clocks of other instances.
        Instant until = param(req, "until").map(s -> TokenRequests.parseTime(s, "until"))
                .orElse(clock.instant().plus(Duration.ofMinutes(1)));
        Instant since = param(req, "since").map(s -> TokenRequests.parseTime(s, "since"))
                .orElse(until.minus(Duration.ofDays(1)));
        if (!since.isBefore(until)) {
            throw AdminException.badRequest("since", "since (" + since + ") must be before until (" + until + ")");
        }
        Optional<Boolean> failed = param(req, "outcome").map(o -> switch (o.toLowerCase(Locale.ROOT)) {
            case "error" -> true;
            case "ok" -> false;
            default -> throw AdminException.badRequest("outcome", "outcome must be ok or error");
        });
        return new UsageQuery(since, until, param(req, "token"), param(req, "model"), param(req, "upstream"), failed);
    }

    private void audit(AdminRequest req, String action, String target, JsonNode details) {
        services.audit().record("admin-api@" + remote(req), action, Optional.of(target), details.toString());
    }

    private static String remote(AdminRequest req) {
        return req.remoteAddress();
    }

    private static JsonNode body(AdminRequest req) {
        byte[] bytes = req.body();
        if (bytes.length == 0) {
            throw AdminException.badRequest(null, "a JSON body is required");
        }
        try {
            return Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw AdminException.badRequest(null, "the body is not valid JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
    }

    private static Optional<String> param(AdminRequest req, String name) {
        return req.query().apply(name).map(String::trim).filter(s -> !s.isEmpty());
    }

    private static int intParam(AdminRequest req, String name, int fallback, int min, int max) {
        Optional<String> v = param(req, name);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw AdminException.badRequest(name, name + " must be a whole number from " + min + " to " + max);
        }
    }

    private static <T> Optional<T> enumParam(AdminRequest req, String name, java.util.function.Function<String, T> parse,
            String allowed) {
        try {
            return param(req, name).map(parse);
        } catch (IllegalArgumentException e) {
            throw AdminException.badRequest(name, name + " must be " + allowed);
        }
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static AdminException notAllowed(String method, String path) {
        return new AdminException(405, path + " does not accept " + method + ".");
    }

    private static GatewayError.Kind kind(int status) {
        return switch (status) {
            case 400, 405, 409 -> GatewayError.Kind.INVALID_REQUEST;
            case 401 -> GatewayError.Kind.AUTHENTICATION;
            case 404 -> GatewayError.Kind.NOT_FOUND;
            default -> GatewayError.Kind.INTERNAL;
        };
    }

    private static String code(int status) {
        return switch (status) {
            case 401 -> "invalid_admin_token";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 409 -> "conflict";
            default -> "invalid_request";
        };
    }

}
