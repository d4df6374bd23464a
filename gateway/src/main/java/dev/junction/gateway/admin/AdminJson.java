package dev.junction.gateway.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.gateway.access.CidrBlock;
import dev.junction.gateway.access.Token;
import dev.junction.gateway.audit.AuditEntry;
import dev.junction.gateway.usage.UsageRecord;
import dev.junction.gateway.usage.UsageSummary;
import dev.junction.protocol.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** How tokens, usage and audit entries look in the admin API's JSON. Money is a decimal string of US dollars. */
public final class AdminJson {
    private AdminJson() {}

    public static String usd(long micros) {
        BigDecimal d = BigDecimal.valueOf(micros, 6).stripTrailingZeros();
        return d.setScale(Math.max(2, d.scale())).toPlainString();
    }

    static ObjectNode token(Token t, Optional<Long> spentMicros) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", t.id());
        o.put("name", t.name());
        o.put("status", t.status().wire());
        o.put("secret_hint", t.secretHint());
        o.put("created_at", t.createdAt().toString());
        o.put("updated_at", t.updatedAt().toString());
        putTime(o, "expires_at", t.expiresAt());
        ArrayNode models = o.putArray("models");
        t.models().patterns().forEach(models::add);
        ArrayNode cidrs = o.putArray("cidrs");
        t.cidrs().stream().map(CidrBlock::text).forEach(cidrs::add);
        putInt(o, "rpm", t.limits().requestsPerMinute());
        putInt(o, "tpm", t.limits().tokensPerMinute());
        putInt(o, "max_concurrent", t.limits().maxConcurrent());
        t.limits().budgetMicros().ifPresentOrElse(b -> o.put("budget_usd", usd(b)), () -> o.putNull("budget_usd"));
        t.limits().budgetPeriod().ifPresentOrElse(p -> o.put("budget_period", p.wire()), () -> o.putNull("budget_period"));
        spentMicros.ifPresent(s -> o.put("spent_usd", usd(s)));
        return o;
    }

    static ObjectNode record(UsageRecord r) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("request_id", r.requestId());
        o.put("time", r.time().toString());
        r.tokenName().ifPresentOrElse(n -> o.put("token", n), () -> o.putNull("token"));
        o.put("model", r.model());
        o.put("upstream_model", r.upstreamModel());
        o.put("upstream", r.upstream());
        o.put("attempts", r.attempts());
        o.put("protocol", r.protocol());
        o.put("endpoint", r.endpoint());
        o.put("stream", r.stream());
        o.put("prompt_tokens", r.promptTokens());
        o.put("output_tokens", r.outputTokens());
        o.put("thought_tokens", r.thoughtTokens());
        o.put("cached_tokens", r.cachedTokens());
        o.put("estimated", r.estimated());
        o.put("cost_usd", usd(r.costMicros()));
        o.put("latency_ms", r.latencyMillis());
        r.firstByteMillis().ifPresentOrElse(ms -> o.put("first_byte_ms", ms), () -> o.putNull("first_byte_ms"));
        o.put("status", r.status());
        r.errorKind().ifPresentOrElse(k -> o.put("error_kind", k), () -> o.putNull("error_kind"));
        o.put("client_gone", r.clientGone());
        return o;
    }

    static ObjectNode totals(UsageSummary.Totals t) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("requests", t.requests());
        o.put("errors", t.errors());
        o.put("prompt_tokens", t.promptTokens());
        o.put("output_tokens", t.outputTokens());
        o.put("thought_tokens", t.thoughtTokens());
        o.put("cached_tokens", t.cachedTokens());
        o.put("total_tokens", t.totalTokens());
        o.put("cost_usd", usd(t.costMicros()));
        return o;
    }

    static ObjectNode audit(AuditEntry e) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", e.id());
        o.put("time", e.time().toString());
        o.put("actor", e.actor());
        o.put("action", e.action());
        e.target().ifPresentOrElse(t -> o.put("target", t), () -> o.putNull("target"));
        try {
            o.set("details", Json.MAPPER.readTree(e.details()));
        } catch (java.io.IOException ex) {
            o.put("details", e.details());
        }
        return o;
    }

    private static void putTime(ObjectNode o, String key, Optional<Instant> t) {
        t.ifPresentOrElse(v -> o.put(key, v.toString()), () -> o.putNull(key));
    }

    private static void putInt(ObjectNode o, String key, Optional<Integer> v) {
        v.ifPresentOrElse(n -> o.put(key, n), () -> o.putNull(key));
    }
}
